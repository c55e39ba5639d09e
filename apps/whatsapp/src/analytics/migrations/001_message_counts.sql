-- Messages per minute, from the whatsapp.messages topic.
CREATE TABLE messages_per_minute (
  minute         timestamptz PRIMARY KEY,
  messages       bigint NOT NULL,
  media_messages bigint NOT NULL
);

-- Message ids already counted. Kafka delivers at least once; counting through this table
-- makes a redelivered record a no-op instead of a double count.
CREATE TABLE counted_messages (
  message_id uuid PRIMARY KEY,
  counted_at timestamptz NOT NULL DEFAULT now()
);
