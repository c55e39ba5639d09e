import { randomBytes, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Pool } from '@wired/db'
import { silentLogger } from '@wired/runtime'
import { resolveInfra } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openServiceDatabase } from '../../shared/database'
import { type AcceptedMessage, MessageCounts } from './message-counts'

// Real PostgreSQL: the statement's dedup and the grouping of concurrent batches are under test.
const migrations = fileURLToPath(new URL('../migrations', import.meta.url))
const schema = `wa_counts_${randomBytes(4).toString('hex')}`
let pool: Pool
let statements = 0

beforeAll(async () => {
  const { databaseUrl } = await resolveInfra(['postgres'])
  pool = await openServiceDatabase(databaseUrl, schema, migrations, { logger: silentLogger })
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown
  pool.query = ((...args: unknown[]) => {
    statements++
    return query(...args)
  }) as Pool['query']
}, 60_000)

afterAll(async () => {
  await pool?.query(`DROP SCHEMA ${schema} CASCADE`)
  await pool?.end()
})

const minute = new Date('2026-11-24T10:15:00Z')
const message = (hasMedia = false): AcceptedMessage => ({ messageId: randomUUID(), sentAt: minute, hasMedia })

async function totals() {
  const { rows } = await pool.query<{ messages: string; media: string; counted: string }>(
    `SELECT (SELECT messages FROM messages_per_minute WHERE minute = $1) AS messages,
            (SELECT media_messages FROM messages_per_minute WHERE minute = $1) AS media,
            (SELECT count(*) FROM counted_messages) AS counted`,
    [minute],
  )
  return { messages: Number(rows[0]!.messages), media: Number(rows[0]!.media), counted: Number(rows[0]!.counted) }
}

describe('MessageCounts', () => {
  it('counts concurrent batches (several partitions) in few statements, each message once', async () => {
    const counts = new MessageCounts(pool)
    const batches = Array.from({ length: 6 }, (_, i) => [message(i === 0), message(), message()])
    statements = 0
    const fresh = await Promise.all(batches.map((batch) => counts.count(batch)))
    expect(fresh).toEqual([3, 3, 3, 3, 3, 3])
    // The first batch goes alone; the five that arrive while it runs share the next statement.
    expect(statements).toBeLessThanOrEqual(2)
    expect(await totals()).toEqual({ messages: 18, media: 1, counted: 18 })

    // A redelivery (Kafka is at-least-once), alone or mixed with new messages, counts only the new.
    const again = [batches[0]![0]!, batches[1]![1]!, message()]
    expect(await Promise.all([counts.count(again), counts.count([batches[2]![2]!])])).toEqual([1, 0])
    expect(await totals()).toEqual({ messages: 19, media: 1, counted: 19 })
  })
})
