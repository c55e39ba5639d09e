-- Sign-in needs a password (scrypt hash, see @wired/runtime passwords.ts), and a session ends:
-- at its expiry, at sign-out (the row is deleted), or when it is renewed (replaced by a new one).
-- Users created before this migration have no password and cannot sign in until one is set;
-- the demo cast gets the demo password from the seed.
ALTER TABLE users ADD COLUMN password_hash text;
ALTER TABLE sessions ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '12 hours';
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
