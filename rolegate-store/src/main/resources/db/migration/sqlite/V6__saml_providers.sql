-- SAML 2.0 identity providers. name: case-sensitive, unique per account; the provider ARN is
-- arn:aws:iam::ACCOUNT:saml-provider/NAME. metadata: the IdP metadata XML as given (up to 10,000,000
-- characters); valid_until: the metadata's validUntil (epoch millis) or NULL; tags: as elsewhere.
CREATE TABLE saml_providers (
  account_id  TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  valid_until INTEGER,
  tags        TEXT    NOT NULL,
  create_date INTEGER NOT NULL,
  PRIMARY KEY (account_id, name)
) STRICT;
