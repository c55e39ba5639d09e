import { randomBytes } from 'node:crypto'
import { EVENT_TYPE_HEADER, type EventLog, eventType, type OutgoingRecord } from '@wired/events'
import { silentLogger } from '@wired/runtime'
import { resolveInfra, waitFor } from '@wired/testkit'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDatabase, createPool, dropDatabase, inTransaction, type Pool } from '../src'
import { createOutboxRelay, createRelay, type OutboxRelay, RELAY_BATCH, writeOutbox } from '../src/outbox'

// Runs against real PostgreSQL (DATABASE_URL, else infra/native), one fresh database per test.
// Kafka's side is a recording log: what is under test is which rows leave, in what order, how often.
interface Note {
  n: number
}
const json = {
  encode: (note: Note) => ({ finish: () => Buffer.from(JSON.stringify(note)) }),
  decode: (b: Uint8Array) => JSON.parse(Buffer.from(b).toString()) as Note,
}
const NOTE = eventType('wired.test.Note', json)
const OTHER = eventType('wired.test.Other', json)

class RecordingLog implements Pick<EventLog, 'publish'> {
  readonly published: Array<{ topic: string } & OutgoingRecord> = []
  failNext = 0
  async publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1
      throw new Error('broker unavailable')
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
    this.published.push(...records.map((record) => ({ topic, ...record })))
  }
  notes = () => this.published.map((record) => json.decode(record.value).n)
}

let adminUrl: string
let database: string
let pool: Pool
const relays: OutboxRelay[] = []

beforeAll(async () => {
  adminUrl = (await resolveInfra(['postgres'])).databaseUrl
}, 120_000)
beforeEach(async () => {
  database = `wired_outbox_${randomBytes(4).toString('hex')}`
  pool = createPool(await createDatabase(adminUrl, database), { max: 4 })
  await pool.query(`CREATE TABLE outbox (
    id bigserial PRIMARY KEY, topic text NOT NULL, key text NOT NULL, event_type text NOT NULL,
    value bytea NOT NULL, traceparent text, published_at timestamptz)`)
})
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()))
  await pool.end()
  await dropDatabase(adminUrl, database)
})

const relay = (log: RecordingLog, types = [NOTE]) => {
  const made = createOutboxRelay(pool, log as unknown as EventLog, {
    lockKey: 42,
    types,
    logger: silentLogger,
    pollMs: 50,
  })
  relays.push(made)
  return made
}
const write = (from: number, count: number, type = NOTE) =>
  inTransaction(pool, async (client) => {
    for (let n = from; n < from + count; n += 1)
      await writeOutbox(client, { topic: n % 2 ? 'odd' : 'even', key: `k${n % 3}`, type, message: { n } })
  })
const unpublished = async () =>
  Number((await pool.query('SELECT count(*) FROM outbox WHERE published_at IS NULL')).rows[0].count)

describe('the transactional outbox', () => {
  it('publishes committed rows in commit order with their type header, and never a rolled-back row', async () => {
    await write(0, 10)
    await expect(
      inTransaction(pool, async (client) => {
        await writeOutbox(client, { topic: 'even', key: 'k0', type: NOTE, message: { n: 999 } })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const log = new RecordingLog()
    relay(log).start()
    await waitFor(async () => (await unpublished()) === 0)
    expect(log.notes().sort((a, b) => a - b)).toEqual([...Array(10).keys()])
    for (const topic of ['odd', 'even']) {
      const inTopic = log.published
        .filter((record) => record.topic === topic)
        .map((record) => json.decode(record.value).n)
      expect(inTopic).toEqual([...inTopic].sort((a, b) => a - b))
    }
    expect(log.published.every((record) => record.headers?.[EVENT_TYPE_HEADER] === NOTE.typeName)).toBe(true)
  })

  it('keeps rows when the publish fails, and the next poll sends each exactly once', async () => {
    await write(0, 5)
    const log = new RecordingLog()
    log.failNext = 2
    relay(log).start()
    await waitFor(async () => (await unpublished()) === 0)
    expect(log.notes().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4])
  })

  it('two relays on one table (two replicas) publish every row once, batch after batch', async () => {
    const total = RELAY_BATCH * 2 + 37
    await write(0, total)
    const log = new RecordingLog()
    const [a, b] = [relay(log), relay(log)]
    a.kick()
    b.kick()
    a.start()
    b.start()
    await waitFor(async () => (await unpublished()) === 0, { timeoutMs: 20_000 })
    expect(log.published).toHaveLength(total)
    expect(new Set(log.notes()).size).toBe(total)
  })

  it('leaves a row of a type the service does not declare unpublished, and says so', async () => {
    await write(0, 1, OTHER)
    const log = new RecordingLog()
    const made = relay(log)
    made.kick()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(log.published).toHaveLength(0)
    expect(await unpublished()).toBe(1)
  })

  it('createRelay drives a table of another shape through the same loop', async () => {
    await pool.query('CREATE TABLE ride_events (ride text, seq int, published boolean NOT NULL DEFAULT false)')
    await pool.query("INSERT INTO ride_events SELECT 'r' || (i % 7), i, false FROM generate_series(1, 1200) AS i")
    const sent: number[] = []
    const made = createRelay(
      pool,
      async (client) => {
        const { rows } = await client.query(
          `SELECT seq FROM ride_events WHERE NOT published ORDER BY seq LIMIT ${RELAY_BATCH}`,
        )
        sent.push(...rows.map((row) => row.seq))
        await client.query('UPDATE ride_events SET published = true WHERE seq = ANY($1::int[])', [
          rows.map((row) => row.seq),
        ])
        return rows.length
      },
      { lockKey: 7, logger: silentLogger },
    )
    relays.push(made)
    made.kick()
    await waitFor(() => sent.length === 1200)
    expect(sent).toEqual([...Array(1200).keys()].map((i) => i + 1))
  })
})
