-- Who watched what, once per viewer and video: the co-view graph recommendations are read from.
CREATE TABLE views (
  viewer_id text NOT NULL,
  video_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (video_id, viewer_id)
);
CREATE INDEX views_by_viewer ON views (viewer_id);
