-- IAM quotas set per account (admin API /_rolegate/accounts/{id}/quotas, `rolegate accounts quotas`):
-- name is AWS's quota name as LimitExceeded names it (RolesPerAccount, PolicySize, ...); a quota
-- without a row has AWS's default (IamQuotas).
CREATE TABLE account_quotas (
  account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  value      INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (account_id, name)
) STRICT;
