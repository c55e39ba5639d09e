-- Who liked what (the primary key makes a second like a no-op) and a counter per post moved in
-- the same transaction, so a page of counts is one indexed read instead of a COUNT per post.
CREATE TABLE likes (
  post_id bigint NOT NULL,
  user_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, user_id)
);

CREATE TABLE like_counts (
  post_id bigint PRIMARY KEY,
  count bigint NOT NULL CHECK (count >= 0)
);
