import { inTransaction } from '@wired/db'
import { alreadyEncodedEvent, type EventLog } from '@wired/events'
import type { Logger } from '@wired/runtime'
import type pg from 'pg'
import { KAFKA_TOPICS, RIDE_EVENT } from '../../shared/kafka-topics'

/** Only one relay publishes at a time, whatever the number of matching replicas. */
const RELAY_LOCK_KEY = 727_002
const BATCH = 500

export interface OutboxRelay {
  /** Publish what is pending now (called right after a commit, so events leave within milliseconds). */
  kick(): void
  start(): void
  stop(): Promise<void>
}

/**
 * Moves committed ride events from the `ride_events` outbox to Kafka `rides.lifecycle`, key =
 * ride id. Rows are read in (ride_id, seq) order and batches go one after another, so a ride's
 * events reach its partition in order. A crash between the Kafka ack and the UPDATE republishes
 * the batch: delivery is at-least-once, and consumers drop a repeated (ride_id, seq).
 */
export function createOutboxRelay(pool: pg.Pool, events: EventLog, logger: Logger, pollMs = 1_000): OutboxRelay {
  let running: Promise<void> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined

  async function publishBatch(): Promise<number> {
    return inTransaction(pool, async (client) => {
      const { rows: locked } = await client.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [RELAY_LOCK_KEY])
      if (!locked[0]?.ok) return 0 // another replica is relaying; it will pick these rows up
      const { rows } = await client.query<{ ride_id: string; seq: number; event: Buffer; traceparent: string | null }>(
        `SELECT ride_id, seq, event, traceparent FROM ride_events WHERE published_at IS NULL ORDER BY ride_id, seq LIMIT ${BATCH}`,
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
    })
  }

  async function drain(): Promise<void> {
    do {
      again = false
      try {
        while ((await publishBatch()) === BATCH) {}
      } catch (error) {
        // Kafka or PostgreSQL is unavailable: the rows stay unpublished and the next poll retries.
        logger.warn({ err: error }, 'outbox relay: publish failed, will retry')
      }
    } while (again)
  }

  const kick = () => {
    if (running) {
      again = true
      return
    }
    running = drain().finally(() => {
      running = undefined
    })
  }

  return {
    kick,
    start() {
      timer = setInterval(kick, pollMs)
      kick()
    },
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
