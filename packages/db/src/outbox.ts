import { alreadyEncodedEvent, type EventLog, type EventType } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { activeTraceparent } from '@wired/wire'
import type pg from 'pg'
import { inTransaction } from './transaction'

/**
 * The transactional outbox: an event is a row written in the same PostgreSQL transaction as the
 * state change it announces, and a relay moves rows to Kafka afterwards. A crash can therefore
 * never leave a committed change without its record on Kafka, nor a record on Kafka for a change
 * that rolled back. A crash between Kafka's ack and the UPDATE republishes a batch: delivery is
 * at-least-once, so every consumer must drop a repeat (by an id in the event).
 *
 * The owning service has the table in its own migrations, in this shape:
 *
 *   CREATE TABLE outbox (
 *     id bigserial PRIMARY KEY, topic text NOT NULL, key text NOT NULL, event_type text NOT NULL,
 *     value bytea NOT NULL, traceparent text, published_at timestamptz);
 *   CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
 */
export interface OutboxEvent<T> {
  topic: string
  /** The Kafka key: records with one key keep their commit order on one partition. */
  key: string
  type: EventType<T>
  message: T
}

/** Writes the event's row with `client`, which must be inside the transaction of the change. */
export async function writeOutbox<T>(client: pg.PoolClient, event: OutboxEvent<T>): Promise<void> {
  const [topic, type, value, traceparent] = outboxValues(event)
  await client.query('INSERT INTO outbox (topic, key, event_type, value, traceparent) VALUES ($1, $2, $3, $4, $5)', [
    topic,
    event.key,
    type,
    value,
    traceparent,
  ])
}

/**
 * An outbox row's columns but the key, for a statement that writes the row itself (a CTE that
 * takes the key from the row it changed): topic, event type, encoded value, traceparent.
 */
export function outboxValues<T>(event: Omit<OutboxEvent<T>, 'key'>) {
  return [
    event.topic,
    event.type.typeName,
    Buffer.from(event.type.codec.encode(event.message).finish()),
    // The request's trace goes with the row, so the relay's publish belongs to it (wire view).
    activeTraceparent() ?? null,
  ] as const
}

export interface OutboxRelay {
  /** Publish what is pending now (called right after a commit, so events leave within milliseconds). */
  kick(): void
  start(): void
  stop(): Promise<void>
}

export interface RelayOptions {
  /**
   * A pg advisory lock id, one per relayed table: two replicas of a service never relay the same
   * rows at once (the one that does not get the lock leaves them to the one that does).
   */
  lockKey: number
  logger: Logger
  /** How often to look for rows nobody kicked for (a crash, a failed publish). Default 1 s. */
  pollMs?: number
}

/** The rows a relay reads and marks in one transaction. */
export const RELAY_BATCH = 500

/**
 * The relay loop for any table of pending events: `publishBatch` reads up to RELAY_BATCH rows,
 * publishes them and marks them published, inside a transaction that holds the lock; the loop
 * calls it until a batch comes back short. Use this directly for a table of another shape (Uber's
 * ride_events, ordered by ride and sequence); `createOutboxRelay` is it for the table above.
 */
export function createRelay(
  pool: pg.Pool,
  publishBatch: (client: pg.PoolClient) => Promise<number>,
  options: RelayOptions,
): OutboxRelay {
  let running: Promise<void> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined

  const oneBatch = () =>
    inTransaction(pool, async (client) => {
      const { rows } = await client.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [options.lockKey])
      return rows[0]?.ok ? publishBatch(client) : 0
    })

  async function drain(): Promise<void> {
    do {
      again = false
      try {
        while ((await oneBatch()) === RELAY_BATCH) {}
      } catch (error) {
        // Kafka or PostgreSQL is unavailable: the rows stay unpublished and the next poll retries.
        options.logger.warn({ err: error }, 'outbox relay: publish failed, will retry')
      }
    } while (again)
  }

  // A kick during a drain asks for one more pass rather than a second drain in parallel, which
  // could publish a later batch before an earlier one.
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
      timer = setInterval(kick, options.pollMs ?? 1_000)
      kick()
    },
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}

interface OutboxRow {
  id: string
  topic: string
  key: string
  event_type: string
  value: Buffer
  traceparent: string | null
}

/**
 * Relays the `outbox` table in id order, one batch at a time, so records with one key reach
 * their partition in the order they were committed. `types` are the event types the service
 * writes: a row of any other type is a bug, and stops the relay loudly rather than publish bytes
 * nobody can decode.
 */
export function createOutboxRelay(
  pool: pg.Pool,
  events: EventLog,
  options: RelayOptions & { types: ReadonlyArray<EventType<unknown>> },
): OutboxRelay {
  const typeByName = new Map(options.types.map((type) => [type.typeName, type]))
  const toRecord = (row: OutboxRow) => {
    const type = typeByName.get(row.event_type)
    if (!type) throw new Error(`outbox row ${row.id} has unknown event type ${row.event_type}`)
    const headers: Record<string, string> = row.traceparent ? { traceparent: row.traceparent } : {}
    return { key: row.key, ...alreadyEncodedEvent(type, new Uint8Array(row.value), headers) }
  }

  return createRelay(
    pool,
    async (client) => {
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, topic, key, event_type, value, traceparent FROM outbox
         WHERE published_at IS NULL ORDER BY id LIMIT ${RELAY_BATCH}`,
      )
      if (rows.length === 0) return 0
      // One publish per topic, topics in order of first appearance: within a topic, id order.
      for (const topic of new Set(rows.map((row) => row.topic)))
        await events.publish(topic, rows.filter((row) => row.topic === topic).map(toRecord))
      await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ])
      return rows.length
    },
    options,
  )
}
