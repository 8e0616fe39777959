-- Rolegate schema, version 1 (SQLite; applied by Flyway, one transaction).
--
-- Conventions:
--   * timestamps are epoch milliseconds (INTEGER); the store truncates Instants to the millisecond;
--   * *_lower columns hold the name lower-cased by the application (Locale.ROOT): names are unique,
--     looked up and ordered without regard to case through them, and kept as written in the other column;
--   * tags are JSON text: [{"Key":"...","Value":"..."}, ...] in the order given;
--   * owner_type is a dev.rolegate.core.model.PrincipalType name.
-- Tables are STRICT: a value of the wrong type is an error, not a silent conversion.

CREATE TABLE accounts (
  id          TEXT    NOT NULL PRIMARY KEY,
  create_date INTEGER NOT NULL
) STRICT;

CREATE TABLE roles (
  role_id                  TEXT    NOT NULL PRIMARY KEY,
  account_id               TEXT    NOT NULL,
  name                     TEXT    NOT NULL,
  name_lower               TEXT    NOT NULL,
  path                     TEXT    NOT NULL,
  assume_role_policy       TEXT    NOT NULL,
  description              TEXT,
  max_session_duration     INTEGER NOT NULL,
  permissions_boundary_arn TEXT,
  tags                     TEXT    NOT NULL,
  create_date              INTEGER NOT NULL,
  last_used_date           INTEGER,
  last_used_region         TEXT,
  UNIQUE (account_id, name_lower)
) STRICT;

CREATE TABLE users (
  user_id                  TEXT    NOT NULL PRIMARY KEY,
  account_id               TEXT    NOT NULL,
  name                     TEXT    NOT NULL,
  name_lower               TEXT    NOT NULL,
  path                     TEXT    NOT NULL,
  permissions_boundary_arn TEXT,
  tags                     TEXT    NOT NULL,
  create_date              INTEGER NOT NULL,
  UNIQUE (account_id, name_lower)
) STRICT;

-- user_name NULL: the account's root user.
CREATE TABLE access_keys (
  access_key_id    TEXT    NOT NULL PRIMARY KEY,
  account_id       TEXT    NOT NULL,
  user_name        TEXT,
  user_name_lower  TEXT,
  encrypted_secret BLOB    NOT NULL,
  active           INTEGER NOT NULL CHECK (active IN (0, 1)),
  create_date      INTEGER NOT NULL
) STRICT;

CREATE INDEX access_keys_by_owner ON access_keys (account_id, user_name_lower, create_date);

CREATE TABLE managed_policies (
  policy_id          TEXT    NOT NULL PRIMARY KEY,
  account_id         TEXT    NOT NULL,
  name               TEXT    NOT NULL,
  name_lower         TEXT    NOT NULL,
  path               TEXT    NOT NULL,
  arn                TEXT    NOT NULL UNIQUE,
  description        TEXT,
  default_version_id TEXT    NOT NULL,
  next_version       INTEGER NOT NULL,
  tags               TEXT    NOT NULL,
  create_date        INTEGER NOT NULL,
  update_date        INTEGER NOT NULL,
  UNIQUE (account_id, name_lower)
) STRICT;

-- The foreign key is checked at commit, so a transaction may insert a policy's first version
-- before or after the policy; deleting a policy deletes its versions.
-- seq: insertion order, the tie-break of "newest first" within one millisecond.
CREATE TABLE policy_versions (
  seq         INTEGER PRIMARY KEY,
  policy_arn  TEXT    NOT NULL REFERENCES managed_policies (arn)
                ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
  version_id  TEXT    NOT NULL,
  document    TEXT    NOT NULL,
  create_date INTEGER NOT NULL,
  UNIQUE (policy_arn, version_id)
) STRICT;

-- Policy names are case-sensitive (as AWS); owner names are matched without regard to case.
CREATE TABLE inline_policies (
  account_id       TEXT NOT NULL,
  owner_type       TEXT NOT NULL CHECK (owner_type IN ('USER', 'GROUP', 'ROLE')),
  owner_name       TEXT NOT NULL,
  owner_name_lower TEXT NOT NULL,
  name             TEXT NOT NULL,
  document         TEXT NOT NULL,
  PRIMARY KEY (account_id, owner_type, owner_name_lower, name)
) STRICT;

-- seq: attachment order.
CREATE TABLE attachments (
  seq              INTEGER PRIMARY KEY,
  account_id       TEXT NOT NULL,
  owner_type       TEXT NOT NULL CHECK (owner_type IN ('USER', 'GROUP', 'ROLE')),
  owner_name       TEXT NOT NULL,
  owner_name_lower TEXT NOT NULL,
  policy_arn       TEXT NOT NULL,
  UNIQUE (account_id, owner_type, owner_name_lower, policy_arn)
) STRICT;

CREATE INDEX attachments_by_policy ON attachments (account_id, policy_arn);

CREATE TABLE settings (
  name  TEXT NOT NULL PRIMARY KEY,
  value BLOB NOT NULL
) STRICT;
