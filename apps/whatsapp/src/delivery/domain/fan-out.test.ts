import { describe, expect, it } from 'vitest'
import { planMessageDeliveries, planReceiptDeliveries, pushPreview, shouldPush } from './fan-out'

const message = {
  messageId: 'm1',
  conversationId: 'c1',
  seq: 7,
  senderId: 'alice',
  clientMessageId: 'client-0001',
  text: 'hi',
  sentAtMs: 1,
}

describe('fan-out planning', () => {
  it('sends the message to every member and pushes to everyone but the sender', () => {
    const deliveries = planMessageDeliveries(message, ['alice', 'bob', 'carol'])
    expect(deliveries.map((d) => [d.userId, d.pushIfOffline])).toEqual([
      ['alice', false],
      ['bob', true],
      ['carol', true],
    ])
    expect(JSON.parse(deliveries[1]!.frame)).toEqual({ type: 'message', message })
  })

  it('pushes only what the member has not already reported delivered', () => {
    const [, bob] = planMessageDeliveries(message, ['alice', 'bob'])
    expect(shouldPush(bob!, 7, 0)).toBe(true)
    expect(shouldPush(bob!, 7, 6)).toBe(true)
    expect(shouldPush(bob!, 7, 7)).toBe(false) // a redelivered or republished record
    expect(shouldPush({ pushIfOffline: false }, 7, 0)).toBe(false)
  })

  it('sends receipts without pushes', () => {
    const receipt = { conversationId: 'c1', userId: 'bob', deliveredSeq: 7, readSeq: 5, updatedAtMs: 2 }
    const [only] = planReceiptDeliveries(receipt, ['alice'])
    expect(only).toMatchObject({ userId: 'alice', pushIfOffline: false })
    expect(JSON.parse(only!.frame)).toEqual({ type: 'receipt', receipt })
  })

  it('previews text, long text, and photos', () => {
    expect(pushPreview({ text: ' hello ' })).toBe('hello')
    expect(pushPreview({ text: 'x'.repeat(100) })).toHaveLength(80)
    expect(pushPreview({ text: '', media: { url: 'http://x', contentType: 'image/png' } })).toBe('Photo')
  })
})
