-- One notification per ready video: the primary key makes a redelivered netflix.ready record
-- (or a duplicate the publisher made) a no-op.
CREATE TABLE notifications (
  video_id text PRIMARY KEY,
  text text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
