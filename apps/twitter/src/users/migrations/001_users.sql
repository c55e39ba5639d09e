-- Accounts, sessions and the follow graph. Follower and following counts are kept on the user
-- row in the same transaction as the follow, so celebrity status is one indexed read.
CREATE TABLE users (
  user_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  handle text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  followers bigint NOT NULL DEFAULT 0,
  following bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (user_id),
  expires_at timestamptz NOT NULL
);

CREATE TABLE follows (
  follower_id bigint NOT NULL REFERENCES users (user_id),
  followee_id bigint NOT NULL REFERENCES users (user_id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);

-- The fan-out pages through an author's followers in id order.
CREATE INDEX follows_by_followee ON follows (followee_id, follower_id);
