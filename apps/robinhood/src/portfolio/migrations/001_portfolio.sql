-- Accounts with their cash, positions, and the holds that reserve buying power for open orders.
-- The CHECK constraints are the last line of defence: whatever a bug or a race in the services
-- does, PostgreSQL refuses a transaction that would leave buying power (cash - held) or unheld
-- shares below zero.
CREATE TABLE accounts (
  account_id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  cash_cents bigint NOT NULL,
  held_cents bigint NOT NULL DEFAULT 0 CHECK (held_cents >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT buying_power_not_negative CHECK (cash_cents >= held_cents)
);

CREATE TABLE positions (
  account_id text NOT NULL REFERENCES accounts,
  symbol text NOT NULL,
  quantity bigint NOT NULL,
  held_quantity bigint NOT NULL DEFAULT 0 CHECK (held_quantity >= 0),
  cost_cents bigint NOT NULL,
  PRIMARY KEY (account_id, symbol),
  CONSTRAINT shares_not_oversold CHECK (quantity >= held_quantity)
);

-- One row per open order: what it reserved. Deleted when the order fills or is cancelled.
CREATE TABLE holds (
  order_id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts,
  symbol text NOT NULL,
  side smallint NOT NULL,
  cents bigint NOT NULL CHECK (cents >= 0),
  quantity bigint NOT NULL CHECK (quantity >= 0)
);

-- Executions already applied to cash and positions: a redelivered OrderFilled or
-- OrderCancelled finds its order id here and changes nothing.
CREATE TABLE applied_executions (
  order_id text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
