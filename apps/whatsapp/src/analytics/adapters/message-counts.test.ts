import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useServiceSchema } from '../../../test/support/service-schema'
import { type AcceptedMessage, MessageCounts } from './message-counts'

// Real PostgreSQL: the statement's dedup and the grouping of concurrent batches are under test.
const db = useServiceSchema('counts', new URL('../migrations', import.meta.url))

const minute = new Date('2026-11-24T10:15:00Z')
const message = (hasMedia = false): AcceptedMessage => ({ messageId: randomUUID(), sentAt: minute, hasMedia })

async function totals() {
  const { rows } = await db.pool.query<{ messages: string; media: string; counted: string }>(
    `SELECT (SELECT messages FROM messages_per_minute WHERE minute = $1) AS messages,
            (SELECT media_messages FROM messages_per_minute WHERE minute = $1) AS media,
            (SELECT count(*) FROM counted_messages) AS counted`,
    [minute],
  )
  return { messages: Number(rows[0]!.messages), media: Number(rows[0]!.media), counted: Number(rows[0]!.counted) }
}

describe('MessageCounts', () => {
  it('counts concurrent batches (several partitions) in few statements, each message once', async () => {
    const counts = new MessageCounts(db.pool)
    const batches = Array.from({ length: 6 }, (_, i) => [message(i === 0), message(), message()])
    db.resetStatements()
    const fresh = await Promise.all(batches.map((batch) => counts.count(batch)))
    expect(fresh).toEqual([3, 3, 3, 3, 3, 3])
    // The first batch goes alone; the five that arrive while it runs share the next statement.
    expect(db.statements()).toBeLessThanOrEqual(2)
    expect(await totals()).toEqual({ messages: 18, media: 1, counted: 18 })

    // A redelivery (Kafka is at-least-once), alone or mixed with new messages, counts only the new.
    const again = [batches[0]![0]!, batches[1]![1]!, message()]
    expect(await Promise.all([counts.count(again), counts.count([batches[2]![2]!])])).toEqual([1, 0])
    expect(await totals()).toEqual({ messages: 19, media: 1, counted: 19 })
  })
})
