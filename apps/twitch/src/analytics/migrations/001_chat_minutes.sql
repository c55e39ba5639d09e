-- Chat messages per channel per minute, from twitch.chat-messages. The api reads this table
-- (GET /api/streams/:channel/analytics); only this service writes it.
CREATE TABLE chat_messages_per_minute (
  channel  text NOT NULL,
  minute   timestamptz NOT NULL,
  messages bigint NOT NULL,
  PRIMARY KEY (channel, minute)
);

-- Message ids already counted: Kafka delivers at least once, and a redelivered record must be a
-- no-op, not a double count.
CREATE TABLE counted_chat_messages (
  message_id text PRIMARY KEY,
  counted_at timestamptz NOT NULL DEFAULT now()
);
