-- OpenID Connect identity providers. url: the issuer URL without its scheme (host[:port][/path]),
-- case-sensitive, unique per account; the provider ARN is arn:aws:iam::ACCOUNT:oidc-provider/URL.
-- client_ids, thumbprints: JSON arrays of strings, in the order given; tags: as elsewhere.
CREATE TABLE oidc_providers (
  account_id  TEXT    NOT NULL,
  url         TEXT    NOT NULL,
  client_ids  TEXT    NOT NULL,
  thumbprints TEXT    NOT NULL,
  tags        TEXT    NOT NULL,
  create_date INTEGER NOT NULL,
  PRIMARY KEY (account_id, url)
) STRICT;
