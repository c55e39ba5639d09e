-- The catalogue: videos and where each is in the pipeline, likes (one per user), comments.
CREATE TABLE videos (
  id text PRIMARY KEY,
  owner_id text NOT NULL,
  title text NOT NULL,
  -- uploaded → transcoded → thumbnailed → moderated → ready, or rejected; stage_rank only grows,
  -- since the stage topics are read independently and may arrive out of order.
  state text NOT NULL DEFAULT 'uploaded',
  stage_rank int NOT NULL DEFAULT 0,
  reason text NOT NULL DEFAULT '',
  duration_seconds double precision NOT NULL,
  renditions text[] NOT NULL DEFAULT '{}',
  thumbnail_key text,
  views bigint NOT NULL DEFAULT 0,
  -- How many times this video became ready: the durability test expects exactly 1.
  ready_transitions int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE likes (
  video_id text NOT NULL REFERENCES videos (id),
  user_id text NOT NULL,
  PRIMARY KEY (video_id, user_id)
);
CREATE TABLE comments (
  id bigserial PRIMARY KEY,
  video_id text NOT NULL REFERENCES videos (id),
  user_id text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_by_video ON comments (video_id, id DESC);
