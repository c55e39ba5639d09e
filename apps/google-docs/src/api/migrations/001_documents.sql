-- Accounts, documents and who may do what with them. The api is the only writer.
CREATE TABLE users (
  id            text PRIMARY KEY,
  handle        text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents (
  id         text PRIMARY KEY,
  title      text NOT NULL,
  owner_id   text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Soft delete: the op log and snapshots stay (history is append-only), access ends.
  deleted_at timestamptz
);

CREATE TABLE members (
  document_id text NOT NULL REFERENCES documents (id),
  user_id     text NOT NULL REFERENCES users (id),
  role        text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  PRIMARY KEY (document_id, user_id)
);
CREATE INDEX members_by_user ON members (user_id);
