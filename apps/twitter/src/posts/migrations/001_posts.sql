-- Posts, and the outbox flag: a post is stored with published = false in the same statement
-- that creates it, and set true once Kafka acknowledged its record. The relay re-publishes
-- whatever is still false, so an accepted post always reaches the fan-out.
CREATE TABLE posts (
  post_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id bigint NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published boolean NOT NULL DEFAULT false
);

-- The celebrity merge and the follow backfill read an author's newest posts.
CREATE INDEX posts_by_author ON posts (author_id, post_id DESC);
CREATE INDEX posts_unpublished ON posts (post_id) WHERE NOT published;
