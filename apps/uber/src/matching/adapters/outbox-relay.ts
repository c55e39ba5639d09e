import { createRelay, type OutboxRelay, RELAY_BATCH } from '@wired/db/outbox'
import { alreadyEncodedEvent, type EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import type pg from 'pg'
import { KAFKA_TOPICS, RIDE_EVENT } from '../../shared/kafka-topics'

export type { OutboxRelay }

/** Only one relay publishes at a time, whatever the number of matching replicas. */
const RELAY_LOCK_KEY = 727_002

/**
 * Moves committed ride events from the `ride_events` outbox to Kafka `rides.lifecycle`, key =
 * ride id. The table is the ride's own event history (ride id, seq), not the generic outbox, so
 * it brings its own batch to the shared relay loop (@wired/db/outbox). Rows are read in
 * (ride_id, seq) order and batches go one after another, so a ride's events reach its partition
 * in order. A crash between the Kafka ack and the UPDATE republishes the batch: delivery is
 * at-least-once, and consumers drop a repeated (ride_id, seq).
 */
export function createOutboxRelay(pool: pg.Pool, events: EventLog, logger: Logger, pollMs = 1_000): OutboxRelay {
  return createRelay(
    pool,
    async (client) => {
      const { rows } = await client.query<{ ride_id: string; seq: number; event: Buffer; traceparent: string | null }>(
        `SELECT ride_id, seq, event, traceparent FROM ride_events WHERE published_at IS NULL ORDER BY ride_id, seq LIMIT ${RELAY_BATCH}`,
      )
      if (rows.length === 0) return 0
      await events.publish(
        KAFKA_TOPICS.rideLifecycle,
        rows.map((row) => ({
          key: row.ride_id,
          // The trace of the request that wrote the row travels in the record's headers (wire view).
          ...alreadyEncodedEvent(
            RIDE_EVENT,
            new Uint8Array(row.event),
            row.traceparent ? { traceparent: row.traceparent } : {},
          ),
        })),
      )
      await client.query(
        `UPDATE ride_events SET published_at = now()
         WHERE (ride_id, seq) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
        [rows.map((row) => row.ride_id), rows.map((row) => row.seq)],
      )
      return rows.length
    },
    { lockKey: RELAY_LOCK_KEY, logger, pollMs },
  )
}
