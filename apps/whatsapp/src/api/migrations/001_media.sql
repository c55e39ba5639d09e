-- Uploaded media. Bytes in PostgreSQL keep the demo to one store; a production system puts
-- them in an object store (S3) and keeps only the key here.
CREATE TABLE media (
  media_id     uuid PRIMARY KEY,
  owner_id     uuid NOT NULL,
  content_type text NOT NULL,
  size_bytes   integer NOT NULL,
  bytes        bytea NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
