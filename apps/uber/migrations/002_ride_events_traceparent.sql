-- The wire view: the trace of the request that wrote an outbox row, so the relay's publish
-- continues it whenever the relay runs (right after the commit, or later from its timer).
-- NULL when the request was not traced.
ALTER TABLE ride_events ADD COLUMN traceparent text;
