-- Orders with the idempotency key that created them: the UNIQUE constraint is what makes a
-- retried POST place one order, even when two retries race on two api replicas.
CREATE TABLE orders (
  order_id text PRIMARY KEY,
  account_id text NOT NULL,
  idempotency_key text NOT NULL,
  -- sha256 of the request's fields: the same key with another body is refused, not replayed.
  request_hash text NOT NULL,
  symbol text NOT NULL,
  side smallint NOT NULL,
  type smallint NOT NULL,
  quantity bigint NOT NULL CHECK (quantity > 0),
  limit_cents bigint NOT NULL,
  -- 0 new (holding buying power), 1 accepted, 2 filled, 3 cancel requested, 4 cancelled
  state smallint NOT NULL,
  fill_price_cents bigint NOT NULL DEFAULT 0,
  reason text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, idempotency_key)
);

CREATE INDEX orders_by_account ON orders (account_id, created_at DESC);
CREATE INDEX orders_stuck_new ON orders (created_at) WHERE state = 0;

-- The transactional outbox (src/shared/outbox.ts): written with the order, relayed to Kafka.
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
