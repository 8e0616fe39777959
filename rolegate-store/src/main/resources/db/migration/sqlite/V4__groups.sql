-- IAM groups and their members.
CREATE TABLE groups (
  group_id    TEXT    NOT NULL PRIMARY KEY,
  account_id  TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  name_lower  TEXT    NOT NULL,
  path        TEXT    NOT NULL,
  create_date INTEGER NOT NULL,
  UNIQUE (account_id, name_lower)
) STRICT;

-- A membership refers to the group and the user by id, so renaming either keeps it; deleting either
-- deletes it. seq: the order users were added in (not used for ordering answers, which are by name).
CREATE TABLE group_members (
  seq      INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  UNIQUE (group_id, user_id)
) STRICT;

CREATE INDEX group_members_by_user ON group_members (user_id);
