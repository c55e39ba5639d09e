-- The user/group service's tables. Only the users service reads or writes them; other
-- services ask it over gRPC.
CREATE TABLE users (
  user_id        uuid PRIMARY KEY,
  handle         text NOT NULL UNIQUE,
  display_name   text NOT NULL,
  about          text NOT NULL DEFAULT '',
  read_receipts  boolean NOT NULL DEFAULT true,
  show_last_seen boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens are stored as SHA-256 hashes: a leaked table does not let anyone sign in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Contacts are mutual here (both rows are written together), so presence can flow both ways.
CREATE TABLE contacts (
  owner_id   uuid NOT NULL REFERENCES users,
  contact_id uuid NOT NULL REFERENCES users,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, contact_id),
  CHECK (owner_id <> contact_id)
);

CREATE TABLE conversations (
  conversation_id uuid PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('direct', 'group')),
  title           text NOT NULL DEFAULT '',
  -- "<smaller id>:<larger id>" for direct chats: one chat per pair, however often it is opened.
  direct_key      text UNIQUE,
  created_by      uuid NOT NULL REFERENCES users,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'direct') = (direct_key IS NOT NULL))
);

CREATE TABLE conversation_members (
  conversation_id uuid NOT NULL REFERENCES conversations,
  user_id         uuid NOT NULL REFERENCES users,
  joined_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_by_user ON conversation_members (user_id);
