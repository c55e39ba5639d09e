-- The warehouse's work: one pick list per placed order. The primary key drops a redelivered
-- OrderPlaced (Kafka delivery is at-least-once).
CREATE TABLE pick_lists (
  order_id text PRIMARY KEY,
  lines jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
