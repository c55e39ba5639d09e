-- Users (a user's name is also their channel's name), the streams the ingest announced on
-- twitch.stream-events, and clips (requested here, cut by the clipper, finished on twitch.clip-results).
CREATE TABLE users (
  user_id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per publish. Written only by the stream-events consumer: StreamStarted inserts it,
-- StreamEnded closes it; both are idempotent (Kafka delivers at least once).
CREATE TABLE streams (
  stream_id text PRIMARY KEY,
  channel text NOT NULL,
  started_at timestamptz,
  ended_at timestamptz,
  end_reason text,
  renditions text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX streams_by_channel ON streams (channel, started_at DESC);
CREATE INDEX streams_live ON streams (started_at DESC) WHERE ended_at IS NULL;

CREATE TABLE clips (
  clip_id text PRIMARY KEY,
  channel text NOT NULL,
  stream_id text NOT NULL,
  requested_by text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
  path text,
  duration_ms integer,
  error text,
  requested_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
