-- Virtual MFA devices. serial_number is the device ARN (arn:aws:iam::ACCOUNT:mfa/PATH+NAME) as
-- written; serial_lower is its key (unique, found without regard to case).
-- encrypted_seed: the TOTP key sealed with the master key (AES-256-GCM), never the plain seed.
-- user_name / enable_date: both NULL while unassigned, both set once enabled.
-- last_used_step: the last TOTP time step accepted (30-second steps since the epoch), for replay protection.
CREATE TABLE mfa_devices (
  serial_lower    TEXT    NOT NULL PRIMARY KEY,
  serial_number   TEXT    NOT NULL,
  account_id      TEXT    NOT NULL,
  path            TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  encrypted_seed  BLOB    NOT NULL,
  user_name       TEXT,
  user_name_lower TEXT,
  enable_date     INTEGER,
  last_used_step  INTEGER NOT NULL,
  tags            TEXT    NOT NULL,
  create_date     INTEGER NOT NULL,
  CHECK ((user_name IS NULL) = (enable_date IS NULL))
) STRICT;

CREATE INDEX mfa_devices_by_account ON mfa_devices (account_id, serial_lower);
CREATE INDEX mfa_devices_by_user ON mfa_devices (account_id, user_name_lower);
