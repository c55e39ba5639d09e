-- The op log as consumed from Kafka googledocs.ops, and a snapshot every K revisions. A version
-- is rebuilt as: the newest snapshot at or below it, plus the ops after it, in revision order.
CREATE TABLE ops (
  document_id text    NOT NULL,
  revision    bigint  NOT NULL,
  op_id       text    NOT NULL,
  author_id   text    NOT NULL,
  op          jsonb   NOT NULL,
  -- The authority's fencing token: a later authority's record for the same revision replaces
  -- an earlier one's (which was never acknowledged), never the other way round.
  fence       bigint  NOT NULL,
  applied_at  timestamptz NOT NULL,
  PRIMARY KEY (document_id, revision)
);

CREATE TABLE snapshots (
  document_id text   NOT NULL,
  revision    bigint NOT NULL,
  text        text   NOT NULL,
  fence       bigint NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, revision)
);

-- The highest fence seen per document: records of a lower one are a deposed authority's.
CREATE TABLE fences (
  document_id text   PRIMARY KEY,
  fence       bigint NOT NULL
);
