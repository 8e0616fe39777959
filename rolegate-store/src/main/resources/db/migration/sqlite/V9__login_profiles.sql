-- Login profiles (console passwords): one per user, the user matched without regard to case.
-- password_hash: PBKDF2 (salted, iterated; see PasswordHashes), never the password.
CREATE TABLE login_profiles (
  account_id              TEXT    NOT NULL,
  user_name               TEXT    NOT NULL,
  user_name_lower         TEXT    NOT NULL,
  password_hash           TEXT    NOT NULL,
  password_reset_required INTEGER NOT NULL CHECK (password_reset_required IN (0, 1)),
  create_date             INTEGER NOT NULL,
  PRIMARY KEY (account_id, user_name_lower)
) STRICT;

-- Account password policies (UpdateAccountPasswordPolicy); 0 for max_password_age and
-- password_reuse_prevention: no such rule.
CREATE TABLE password_policies (
  account_id                    TEXT    NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  minimum_password_length       INTEGER NOT NULL,
  require_symbols               INTEGER NOT NULL CHECK (require_symbols IN (0, 1)),
  require_numbers               INTEGER NOT NULL CHECK (require_numbers IN (0, 1)),
  require_uppercase_characters  INTEGER NOT NULL CHECK (require_uppercase_characters IN (0, 1)),
  require_lowercase_characters  INTEGER NOT NULL CHECK (require_lowercase_characters IN (0, 1)),
  allow_users_to_change         INTEGER NOT NULL CHECK (allow_users_to_change IN (0, 1)),
  max_password_age              INTEGER NOT NULL,
  password_reuse_prevention     INTEGER NOT NULL,
  hard_expiry                   INTEGER NOT NULL CHECK (hard_expiry IN (0, 1))
) STRICT;
