-- One row per video the publisher has seen approved. `announced` flips after netflix.ready is
-- published: a redelivered record finds it true and publishes nothing again.
CREATE TABLE published (
  video_id text PRIMARY KEY,
  announced boolean NOT NULL DEFAULT false,
  at timestamptz NOT NULL DEFAULT now()
);
