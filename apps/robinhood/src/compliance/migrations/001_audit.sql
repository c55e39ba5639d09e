-- The compliance record: every order and execution as it appeared on Kafka, once. The primary
-- key is the record's place in the log, so a redelivered record is not recorded twice.
CREATE TABLE audit_log (
  topic text NOT NULL,
  partition integer NOT NULL,
  record_offset bigint NOT NULL,
  event_type text NOT NULL,
  order_id text NOT NULL,
  account_id text NOT NULL,
  -- Orders and fills worth more than the reporting threshold, for a reviewer's queue.
  large boolean NOT NULL DEFAULT false,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, record_offset)
);

CREATE INDEX audit_by_order ON audit_log (order_id);
