import { describe, expect, it } from 'vitest'
import { ticksFor } from './ticks'

const receipt = (userId: string, deliveredSeq: number, readSeq: number) => ({
  conversationId: 'c1',
  userId,
  deliveredSeq,
  readSeq,
  updatedAtMs: 0,
})

describe('ticksFor', () => {
  it('goes pending → sent → delivered → read in a direct chat', () => {
    expect(ticksFor(undefined, ['bob'], undefined)).toBe('pending')
    expect(ticksFor({ seq: 3 }, ['bob'], new Map())).toBe('sent')
    expect(ticksFor({ seq: 3 }, ['bob'], new Map([['bob', receipt('bob', 3, 2)]]))).toBe('delivered')
    expect(ticksFor({ seq: 3 }, ['bob'], new Map([['bob', receipt('bob', 5, 5)]]))).toBe('read')
  })

  it('needs every member of a group for delivered and read', () => {
    const receipts = new Map([
      ['bob', receipt('bob', 4, 4)],
      ['carol', receipt('carol', 4, 1)],
    ])
    expect(ticksFor({ seq: 4 }, ['bob', 'carol', 'dave'], receipts)).toBe('sent')
    receipts.set('dave', receipt('dave', 4, 0))
    expect(ticksFor({ seq: 4 }, ['bob', 'carol', 'dave'], receipts)).toBe('delivered')
  })
})
