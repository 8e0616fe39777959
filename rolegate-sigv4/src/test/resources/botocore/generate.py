"""Regenerates the botocore-signed fixtures next to this file (an independent SigV4 implementation).

Run: python3 generate.py   (needs botocore; the tests only read the generated *.http files)
Every request is signed at 2015-08-30T12:36:00Z with AKIDEXAMPLE / the AWS test-suite example secret.
"""
import datetime
import pathlib
from unittest import mock
from urllib.parse import urlsplit

import botocore
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEXAMPLE//session+token/with=specials"
NOW = datetime.datetime(2015, 8, 30, 12, 36, 0, tzinfo=datetime.timezone.utc)
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


def sign(name, signer, method, url, body=None, headers=None):
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    with mock.patch("botocore.auth.get_current_datetime", return_value=NOW):
        signer.add_auth(request)
    parts = urlsplit(request.url)
    target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}"]
    lines += [f"{k}: {v}" for k, v in request.headers.items()]
    raw = "\n".join(lines).encode() + b"\n\n" + (body.encode() if body else b"")
    pathlib.Path(__file__).with_name(name + ".http").write_bytes(raw)


long_term = Credentials("AKIDEXAMPLE", SECRET)
temporary = Credentials("ASIAEXAMPLE", SECRET, TOKEN)

sign("iam-post-list-users", SigV4Auth(long_term, "iam", "us-east-1"), "POST",
     "https://iam.amazonaws.com/", "Action=ListUsers&Version=2010-05-08", FORM)
sign("iam-post-custom-endpoint", SigV4Auth(long_term, "iam", "eu-west-1"), "POST",
     "http://localhost:8443/iam/", "Action=GetUser&UserName=alice&Version=2010-05-08", FORM)
sign("sts-post-session-token", SigV4Auth(temporary, "sts", "us-west-2"), "POST",
     "https://sts.us-west-2.amazonaws.com/", "Action=GetCallerIdentity&Version=2011-06-15", FORM)
sign("sts-presigned-get-caller-identity", SigV4QueryAuth(temporary, "sts", "us-east-1", expires=60), "GET",
     "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", None,
     {"x-k8s-aws-id": "my-cluster"})
sign("sts-presigned-special-characters", SigV4QueryAuth(long_term, "sts", "us-east-1", expires=900), "GET",
     "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&Note=a%20b%2Fc%2Bd~%C3%A9")
print("botocore", botocore.__version__)
