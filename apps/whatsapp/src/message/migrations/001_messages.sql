-- The message service's tables: the one writer of messages and receipts.

-- The next seq of each conversation. Taking it is an UPDATE of this row, so two concurrent
-- sends to one conversation queue on the row lock and get consecutive numbers; sends to
-- different conversations never wait for each other.
CREATE TABLE conversation_sequences (
  conversation_id uuid PRIMARY KEY,
  last_seq        bigint NOT NULL
);

CREATE TABLE messages (
  message_id        uuid PRIMARY KEY,
  conversation_id   uuid NOT NULL,
  seq               bigint NOT NULL,
  sender_id         uuid NOT NULL,
  client_message_id text NOT NULL,
  body              text NOT NULL,
  media_url         text,
  media_type        text,
  sent_at           timestamptz NOT NULL DEFAULT now(),
  -- History and sync read by (conversation, seq); this unique index serves both.
  UNIQUE (conversation_id, seq),
  -- The idempotency key of a send: a client's retry can never store a second copy.
  UNIQUE (sender_id, client_message_id)
);

-- One row per (conversation, member): watermarks, not one row per message and reader.
CREATE TABLE receipts (
  conversation_id uuid NOT NULL,
  user_id         uuid NOT NULL,
  delivered_seq   bigint NOT NULL DEFAULT 0,
  read_seq        bigint NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, user_id),
  CHECK (read_seq <= delivered_seq)
);
