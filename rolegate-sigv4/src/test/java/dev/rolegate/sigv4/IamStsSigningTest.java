package dev.rolegate.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.sigv4.ParseResult.Signed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POST form-encoded IAM/STS requests signed with the test signer, as the SDKs send them (reference
 * §7.1).
 */
class IamStsSigningTest {
  static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

  static TestSigner signer(String service) {
    TestSigner s = new TestSigner();
    s.service = service;
    s.time = T;
    s.accessKeyId = "AKIAIOSFODNN7EXAMPLE";
    return s;
  }

  static SignableRequest post(String host, String body) {
    return new SignableRequest(
        "POST",
        "/",
        "",
        List.of(
            new Header("Host", host),
            new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void iamCreateUser() {
    TestSigner signer = signer("iam");
    TestSigner.Output out =
        signer.signHeaders(
            post("iam.amazonaws.com", "Action=CreateUser&UserName=bob&Version=2010-05-08"));

    Signed s = VectorSuiteTest.signed(out.request());

    assertThat(out.authorization())
        .startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=");
    assertThat(s.service()).isEqualTo("iam");
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(SigV4.verify(out.request(), s, signer.secret, T.plusSeconds(30)))
        .isEqualTo(new VerifyResult.Verified());
    assertThat(SigV4.verify(out.request(), s, "another-secret", T))
        .isInstanceOf(VerifyResult.Failure.class);
  }

  @Test
  void stsAssumeRoleWithSessionToken() {
    TestSigner signer = signer("sts");
    signer.accessKeyId = "ASIAIOSFODNN7EXAMPLE";
    signer.token = "IQoJb3JpZ2luX2VjEXAMPLE/+=";
    String body =
        "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
            + "&RoleSessionName=s1&Version=2011-06-15";
    TestSigner.Output out = signer.signHeaders(post("sts.example.test:8443", body));

    Signed s = VectorSuiteTest.signed(out.request());

    assertThat(s.service()).isEqualTo("sts");
    assertThat(s.signedHeaders())
        .containsExactly("content-type", "host", "x-amz-date", "x-amz-security-token");
    assertThat(s.securityToken()).isEqualTo("IQoJb3JpZ2luX2VjEXAMPLE/+=");
    assertThat(SigV4.verify(out.request(), s, signer.secret, T))
        .isEqualTo(new VerifyResult.Verified());
  }

  @Test
  void theSignatureBindsTheRegionTheClientChose() {
    TestSigner signer = signer("iam");
    signer.region = "us-west-1";
    TestSigner.Output out =
        signer.signHeaders(post("localhost:9000", "Action=ListRoles&Version=2010-05-08"));
    Signed s = VectorSuiteTest.signed(out.request());
    String otherRegion = out.authorization().replace("/us-west-1/", "/us-east-1/");

    assertThat(SigV4.verify(out.request(), s, signer.secret, T))
        .isEqualTo(new VerifyResult.Verified());
    SignableRequest relabelled =
        VectorSuiteTest.withHeader(out.request(), "Authorization", otherRegion);
    assertThat(SigV4.verify(relabelled, VectorSuiteTest.signed(relabelled), signer.secret, T))
        .isInstanceOf(VerifyResult.Failure.class);
  }

  @Test
  void stsPresignedGetCallerIdentity() {
    TestSigner signer = signer("sts");
    SignableRequest get =
        new SignableRequest(
            "GET",
            "/",
            "Action=GetCallerIdentity&Version=2011-06-15",
            List.of(new Header("Host", "sts.amazonaws.com")),
            null);
    SignableRequest url = signer.presign(get, 900).request();

    Signed s = VectorSuiteTest.signed(url);

    assertThat(s.presigned()).isTrue();
    assertThat(SigV4.verify(url, s, signer.secret, T.plusSeconds(899)))
        .isEqualTo(new VerifyResult.Verified());
  }
}
