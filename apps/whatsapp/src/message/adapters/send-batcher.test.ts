import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useServiceSchema } from '../../../test/support/service-schema'
import type { SendCommand } from '../domain/send-rules'
import { MessageStore } from './message-store'
import { SendBatcher } from './send-batcher'

// Real PostgreSQL: the seq arithmetic and the all-or-nothing statement are what is under test.
const db = useServiceSchema('send_batch', new URL('../migrations', import.meta.url))

const send = (conversationId: string, clientMessageId: string): SendCommand => ({
  senderId: randomUUID(),
  conversationId,
  clientMessageId,
  text: clientMessageId,
})

describe('SendBatcher', () => {
  it('stores concurrent sends in few statements, with gapless seqs in arrival order per conversation', async () => {
    const batcher = new SendBatcher(db.pool, new MessageStore(db.pool))
    const chats = [randomUUID(), randomUUID()]
    const before = db.statements()
    const sends = Array.from({ length: 30 }, (_, i) => send(chats[i % 2]!, `batch-msg-${i}`))
    const stored = await Promise.all(sends.map((command) => batcher.insertOrFind(command)))
    expect(db.statements() - before).toBeLessThan(5)
    for (const chat of chats) {
      const seqs = stored.filter(({ message }) => message.conversationId === chat).map(({ message }) => message.seq)
      expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
    }
    expect(stored.every(({ duplicate }) => !duplicate)).toBe(true)
  })

  it('falls back to one send at a time when a resend is in the batch, storing nothing twice', async () => {
    const batcher = new SendBatcher(db.pool, new MessageStore(db.pool))
    const chat = randomUUID()
    const first = send(chat, 'resent-msg-1')
    const original = await batcher.insertOrFind(first)
    const [resend, ...others] = await Promise.all(
      [first, send(chat, 'fresh-msg-2'), send(chat, 'fresh-msg-3')].map((command) => batcher.insertOrFind(command)),
    )
    expect(resend).toEqual({ message: original.message, duplicate: true })
    expect(others.map(({ message }) => message.seq)).toEqual([2, 3])
    const { rows } = await db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM messages WHERE conversation_id = $1',
      [chat],
    )
    expect(Number(rows[0]?.n)).toBe(3)
  })
})
