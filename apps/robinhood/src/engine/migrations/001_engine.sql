-- Every order the engine has processed: the first thing its transaction writes, so a record
-- redelivered after a crash (offset not yet committed) finds its id here and executes nothing.
CREATE TABLE processed_orders (
  order_id text PRIMARY KEY,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- Limit orders waiting for the price to reach them. The conditional UPDATE on `state` decides
-- the race between a tick filling an order and its cancel request: exactly one of them wins.
CREATE TABLE resting_orders (
  order_id text PRIMARY KEY,
  account_id text NOT NULL,
  symbol text NOT NULL,
  side smallint NOT NULL,
  quantity bigint NOT NULL,
  limit_cents bigint NOT NULL,
  -- 0 open, 1 filled, 2 cancelled
  state smallint NOT NULL DEFAULT 0
);

CREATE INDEX resting_open ON resting_orders (symbol) WHERE state = 0;

-- The transactional outbox (src/shared/outbox.ts): executions, written with the decision.
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
