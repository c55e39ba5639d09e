import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useServiceSchema } from '../../../test/support/service-schema'
import { MessageStore } from './message-store'
import { ReceiptBatcher } from './receipt-batcher'

// Real PostgreSQL: the batched read, the fold and the GREATEST upsert are what is under test.
const db = useServiceSchema('receipt_batch', new URL('../migrations', import.meta.url))

/** A conversation whose last message has this seq. */
async function conversationWith(lastSeq: number): Promise<string> {
  const conversationId = randomUUID()
  await db.pool.query('INSERT INTO conversation_sequences (conversation_id, last_seq) VALUES ($1, $2)', [
    conversationId,
    lastSeq,
  ])
  return conversationId
}

async function stored(conversationId: string, userId: string) {
  const { rows } = await db.pool.query<{ delivered_seq: string; read_seq: string }>(
    'SELECT delivered_seq, read_seq FROM receipts WHERE conversation_id = $1 AND user_id = $2',
    [conversationId, userId],
  )
  return rows[0] && { deliveredSeq: Number(rows[0].delivered_seq), readSeq: Number(rows[0].read_seq) }
}

describe('ReceiptBatcher', () => {
  it('stores concurrent receipts of many members in two statements', async () => {
    const batcher = new ReceiptBatcher(new MessageStore(db.pool))
    const chat = await conversationWith(10)
    const users = Array.from({ length: 40 }, () => randomUUID())
    const before = db.statements()
    const outcomes = await Promise.all(
      users.map((userId, i) =>
        batcher.advance({ kind: 'delivered', conversationId: chat, userId, upToSeq: (i % 10) + 1 }),
      ),
    )
    expect(db.statements() - before).toBe(2)
    expect(outcomes.every(({ moved }) => moved)).toBe(true)
    expect(outcomes[3]!.receipt).toMatchObject({ userId: users[3], deliveredSeq: 4, readSeq: 0 })
    expect(await stored(chat, users[9]!)).toEqual({ deliveredSeq: 10, readSeq: 0 })
  })

  it('folds one member’s receipts in arrival order, as if applied one by one', async () => {
    const batcher = new ReceiptBatcher(new MessageStore(db.pool))
    const chat = await conversationWith(10)
    const bob = randomUUID()
    const [first, read, stale] = await Promise.all([
      batcher.advance({ kind: 'delivered', conversationId: chat, userId: bob, upToSeq: 5 }),
      batcher.advance({ kind: 'read', conversationId: chat, userId: bob, upToSeq: 7 }),
      batcher.advance({ kind: 'delivered', conversationId: chat, userId: bob, upToSeq: 3 }),
    ])
    expect([first.moved, read.moved, stale.moved]).toEqual([true, true, false])
    // Reading implies having received: read 7 lifts delivered to 7; a late "delivered 3" moves nothing.
    expect(stale.receipt).toMatchObject({ deliveredSeq: 7, readSeq: 7 })
    expect(await stored(chat, bob)).toEqual({ deliveredSeq: 7, readSeq: 7 })
  })

  it('refuses a seq beyond the last message on its own, saving the rest of the batch', async () => {
    const batcher = new ReceiptBatcher(new MessageStore(db.pool))
    const chat = await conversationWith(4)
    const [alice, bob] = [randomUUID(), randomUUID()]
    const [bad, good] = await Promise.allSettled([
      batcher.advance({ kind: 'delivered', conversationId: chat, userId: alice, upToSeq: 99 }),
      batcher.advance({ kind: 'delivered', conversationId: chat, userId: bob, upToSeq: 4 }),
    ])
    expect(bad.status).toBe('rejected')
    expect((bad as PromiseRejectedResult).reason).toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(good).toMatchObject({ status: 'fulfilled', value: { moved: true } })
    expect(await stored(chat, alice)).toBeUndefined()
    expect(await stored(chat, bob)).toEqual({ deliveredSeq: 4, readSeq: 0 })
  })

  it('never moves a watermark back, even when the row moved on since it was read', async () => {
    const batcher = new ReceiptBatcher(new MessageStore(db.pool))
    const chat = await conversationWith(10)
    const bob = randomUUID()
    // Another replica saved 9 between this batch's read and its write: GREATEST keeps the 9.
    const store = new MessageStore(db.pool)
    const racing = new ReceiptBatcher({
      receiptStates: (pairs) => store.receiptStates(pairs),
      saveReceipts: async (moved) => {
        await store.saveReceipts([{ conversationId: chat, userId: bob, next: { deliveredSeq: 9, readSeq: 0 } }])
        return store.saveReceipts(moved)
      },
    })
    const { receipt } = await racing.advance({ kind: 'delivered', conversationId: chat, userId: bob, upToSeq: 6 })
    expect(receipt).toMatchObject({ deliveredSeq: 9 })
    expect(await stored(chat, bob)).toEqual({ deliveredSeq: 9, readSeq: 0 })
    await batcher.advance({ kind: 'delivered', conversationId: chat, userId: bob, upToSeq: 2 })
    expect(await stored(chat, bob)).toEqual({ deliveredSeq: 9, readSeq: 0 })
  })
})
