-- Every record of the scenario's topics, kept as it was. The (topic, partition, offset) key
-- is where the record sits in Kafka, so a redelivered record cannot be logged twice.
CREATE TABLE audit_log (
  topic       text NOT NULL,
  kafka_partition integer NOT NULL,
  kafka_offset    bigint NOT NULL,
  event_type  text NOT NULL,
  record_key  text NOT NULL,
  payload     jsonb NOT NULL,
  logged_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, kafka_partition, kafka_offset)
);

-- Append-only means append-only: the database itself refuses to change or delete history.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;

CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
