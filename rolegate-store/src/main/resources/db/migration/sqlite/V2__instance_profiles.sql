-- Instance profiles: at most one role each (role_name NULL when empty).
CREATE TABLE instance_profiles (
  instance_profile_id TEXT    NOT NULL PRIMARY KEY,
  account_id          TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  name_lower          TEXT    NOT NULL,
  path                TEXT    NOT NULL,
  role_name           TEXT,
  role_name_lower     TEXT,
  tags                TEXT    NOT NULL,
  create_date         INTEGER NOT NULL,
  UNIQUE (account_id, name_lower)
) STRICT;

CREATE INDEX instance_profiles_by_role ON instance_profiles (account_id, role_name_lower);
