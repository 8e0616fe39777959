-- GetAccessKeyLastUsed: a long-term key's last use (all three NULL until its first use). Written at
-- most once a minute per key (and when the service or region changes), not on every request.
ALTER TABLE access_keys ADD COLUMN last_used_date INTEGER;
ALTER TABLE access_keys ADD COLUMN last_used_service TEXT;
ALTER TABLE access_keys ADD COLUMN last_used_region TEXT;

-- Account aliases: at most one per account, and unique across all accounts (as in AWS).
CREATE TABLE account_aliases (
  account_id TEXT NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  alias      TEXT NOT NULL UNIQUE
) STRICT;
