-- Pushes the notification service has "sent" (recorded in place of APNs / FCM).
CREATE TABLE pushes (
  user_id         uuid NOT NULL,
  message_id      uuid NOT NULL,
  conversation_id uuid NOT NULL,
  seq             bigint NOT NULL,
  sender_id       uuid NOT NULL,
  preview         text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- The Kafka consumer asking for pushes is at-least-once: one push per message and user.
  PRIMARY KEY (user_id, message_id)
);
CREATE INDEX pushes_by_user_time ON pushes (user_id, created_at DESC);
