import { inTransaction } from '@wired/db'
import { alreadyEncodedEvent, type EventLog, type EventType } from '@wired/events'
import type { Logger } from '@wired/runtime'
import { activeTraceparent } from '@wired/wire'
import type pg from 'pg'

/**
 * The transactional outbox, as the order service uses it: an event is a row
 * written in the same PostgreSQL transaction as the state change it announces, and a relay
 * moves rows to Kafka afterwards. A crash can therefore never leave a placed order without its
 * record on amazon.orders. A crash between Kafka's ack and the UPDATE republishes a batch:
 * delivery is at-least-once, and every consumer drops a repeated order id. (A copy of
 * Robinhood's relay: a candidate for a shared package.)
 *
 * Each owning service has this table in its own schema (see its migrations):
 *   outbox(id bigserial, topic, key, event_type, value bytea, traceparent, published_at)
 */
export async function writeOutbox<T>(
  client: pg.PoolClient,
  event: { topic: string; key: string; type: EventType<T>; message: T },
): Promise<void> {
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
export function outboxValues<T>(event: { topic: string; type: EventType<T>; message: T }) {
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

const BATCH = 500

/**
 * Publishes unpublished rows in id order, one batch at a time, so records reach their partitions in
 * the order they were committed. `lockKey` keeps two replicas of one service from
 * relaying the same rows at once.
 */
export function createOutboxRelay(
  pool: pg.Pool,
  events: EventLog,
  options: { lockKey: number; types: ReadonlyArray<EventType<unknown>>; logger: Logger; pollMs?: number },
): OutboxRelay {
  const typeByName = new Map(options.types.map((type) => [type.typeName, type]))
  let running: Promise<void> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined

  async function publishBatch(): Promise<number> {
    return inTransaction(pool, async (client) => {
      const { rows: locked } = await client.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [options.lockKey])
      if (!locked[0]?.ok) return 0
      const { rows } = await client.query<{
        id: string
        topic: string
        key: string
        event_type: string
        value: Buffer
        traceparent: string | null
      }>(
        `SELECT id, topic, key, event_type, value, traceparent FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ${BATCH}`,
      )
      if (rows.length === 0) return 0
      for (const topic of new Set(rows.map((row) => row.topic))) {
        await events.publish(
          topic,
          rows
            .filter((row) => row.topic === topic)
            .map((row) => {
              const type = typeByName.get(row.event_type)
              if (!type) throw new Error(`outbox row ${row.id} has unknown event type ${row.event_type}`)
              const headers: Record<string, string> = row.traceparent ? { traceparent: row.traceparent } : {}
              return { key: row.key, ...alreadyEncodedEvent(type, new Uint8Array(row.value), headers) }
            }),
        )
      }
      await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ])
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
        options.logger.warn({ err: error }, 'outbox relay: publish failed, will retry')
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
      timer = setInterval(kick, options.pollMs ?? 1_000)
      kick()
    },
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
