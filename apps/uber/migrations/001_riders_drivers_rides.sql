-- The Uber scenario's tables. One database, but each table has one writer:
--   riders, drivers, payments  → api
--   rides, ride_events         → matching
--   driver_flags, driver_cancellations → driver-behaviour (Kafka consumer)

CREATE TABLE riders (
  id            text PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  name          text NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A driver's id is the handle they sign up with: it is also their MQTT username and the level
-- of their topics (drivers/<id>/location), which is why it is restricted to [a-z0-9-].
CREATE TABLE drivers (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,31}$'),
  name          text NOT NULL,
  vehicle       text NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rides (
  id               text PRIMARY KEY,
  rider_id         text NOT NULL REFERENCES riders (id),
  driver_id        text REFERENCES drivers (id),
  status           text NOT NULL CHECK (status IN ('requested', 'accepted', 'arrived', 'started', 'completed', 'cancelled')),
  pickup_lat       double precision NOT NULL,
  pickup_lon       double precision NOT NULL,
  dropoff_lat      double precision NOT NULL,
  dropoff_lon      double precision NOT NULL,
  fare_cents       integer NOT NULL CHECK (fare_cents > 0),
  surge_multiplier double precision NOT NULL CHECK (surge_multiplier >= 1),
  cell_id          text NOT NULL,
  cancelled_by     text CHECK (cancelled_by IN ('rider', 'driver', 'system')),
  cancel_reason    text,
  -- 1 when requested, +1 per change; equals the seq of the ride's latest event.
  version          integer NOT NULL,
  requested_at     timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);

-- "A ride for a rider who already has one" and "a driver on two rides" are refused by the
-- database itself: two concurrent requests cannot both pass a check-then-insert.
CREATE UNIQUE INDEX rides_one_active_per_rider ON rides (rider_id)
  WHERE status IN ('requested', 'accepted', 'arrived', 'started');
CREATE UNIQUE INDEX rides_one_active_per_driver ON rides (driver_id)
  WHERE status IN ('accepted', 'arrived', 'started');
-- Ride history, newest first, paged by (requested_at, id).
CREATE INDEX rides_history ON rides (rider_id, requested_at DESC, id DESC);

-- Transactional outbox: a ride's change and its event commit together, then a relay publishes
-- the event to rides.lifecycle. Publishing straight to Kafka after COMMIT would lose the event
-- if the process died in between; publishing before COMMIT would announce changes that roll back.
CREATE TABLE ride_events (
  ride_id      text NOT NULL REFERENCES rides (id),
  seq          integer NOT NULL,
  event        bytea NOT NULL, -- wired.uber.v1.RideEvent (protobuf)
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  PRIMARY KEY (ride_id, seq)
);
CREATE INDEX ride_events_unpublished ON ride_events (created_at, ride_id, seq) WHERE published_at IS NULL;

CREATE TABLE payments (
  id           text PRIMARY KEY,
  -- UNIQUE: a ride is paid once, however often the client retries (with or without its key).
  ride_id      text NOT NULL UNIQUE REFERENCES rides (id),
  rider_id     text NOT NULL REFERENCES riders (id),
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  method       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Written by the driver-behaviour consumer. Primary keys make redelivered records no-ops.
CREATE TABLE driver_flags (
  driver_id   text NOT NULL,
  recorded_at bigint NOT NULL,
  verdict     text NOT NULL CHECK (verdict IN ('speeding', 'implausible')),
  speed_mps   double precision NOT NULL,
  PRIMARY KEY (driver_id, recorded_at)
);

CREATE TABLE driver_cancellations (
  ride_id      text PRIMARY KEY,
  driver_id    text NOT NULL,
  cancelled_at timestamptz NOT NULL
);
CREATE INDEX driver_cancellations_by_driver ON driver_cancellations (driver_id);
