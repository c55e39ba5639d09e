-- PostgreSQL is the source of truth for what was sold: a row per confirmed order (its primary
-- key makes a retried Confirm count once) and a running total per product. Redis holds what is
-- still available to reserve; at rest, available = initial stock − sold (test: stock agrees).
CREATE TABLE confirmations (
  order_id text PRIMARY KEY,
  lines jsonb NOT NULL,
  confirmed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sales (
  sku text PRIMARY KEY,
  sold bigint NOT NULL CHECK (sold >= 0)
);
