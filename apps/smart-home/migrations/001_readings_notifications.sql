-- The smart home's tables, in the `smarthome` schema. One writer each:
--   readings       → recorder (Kafka smarthome.readings, batched inserts)
--   notifications  → alerts (threshold rules over the same topic)
-- The dashboard only reads them (history, notifications).

-- id is the device's own reading id: a reading delivered twice (MQTT QoS 1 redelivery, a bridge
-- restart, a consumer retry) is still one row.
CREATE TABLE readings (
  id          text PRIMARY KEY,
  device_id   text NOT NULL,
  home        text NOT NULL,
  channel     text NOT NULL,
  metric      text NOT NULL,
  value       double precision NOT NULL,
  qos         smallint NOT NULL,
  at          timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
-- Time-indexed: "this device's last hour" walks one b-tree range, newest first.
CREATE INDEX readings_device_at ON readings (device_id, at DESC);
-- Rows arrive roughly in time order, so a BRIN index over `at` stays tiny and still prunes
-- whole-fleet time ranges (a dashboard's "last 5 minutes everywhere").
CREATE INDEX readings_at_brin ON readings USING brin (at);

CREATE TABLE notifications (
  id        text PRIMARY KEY,
  home      text NOT NULL,
  device_id text NOT NULL,
  rule      text NOT NULL,
  message   text NOT NULL,
  value     double precision NOT NULL,
  at        timestamptz NOT NULL
);
CREATE INDEX notifications_home_at ON notifications (home, at DESC);
