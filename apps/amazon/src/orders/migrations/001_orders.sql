-- Orders with the Idempotency-Key that created them: UNIQUE (customer_id, idempotency_key) is
-- what makes a retried checkout place one order, even when two retries race.
CREATE TABLE orders (
  order_id text PRIMARY KEY,
  customer_id text NOT NULL,
  idempotency_key text NOT NULL,
  -- sha256 of the cart and card: the same key with another body is refused (422), not replayed.
  request_hash text NOT NULL,
  -- 0 pending (stock reserved, paying), 1 placed
  state smallint NOT NULL,
  lines jsonb NOT NULL,
  total_cents bigint NOT NULL CHECK (total_cents > 0),
  payment_id text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, idempotency_key)
);

CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC);

-- The transactional outbox (@wired/db/outbox): written with the placed order, relayed to Kafka.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  event_type text NOT NULL,
  value bytea NOT NULL,
  traceparent text,
  published_at timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
