import { describe, expect, it } from 'vitest'
import { planConversation } from './conversations'

describe('planConversation', () => {
  it('makes one peer without a title a direct chat with a stable key', () => {
    const ab = planConversation('b', ['a'], '')
    const ba = planConversation('a', ['b', 'a'], '  ')
    expect(ab).toEqual({ kind: 'direct', memberIds: ['a', 'b'], directKey: 'a:b' })
    expect(ba).toEqual(ab)
  })

  it('makes a group of the creator and distinct members', () => {
    expect(planConversation('a', ['b', 'c', 'b'], ' Trip ')).toEqual({
      kind: 'group',
      memberIds: ['a', 'b', 'c'],
      title: 'Trip',
    })
  })

  it('refuses a conversation with nobody else, and a group without a title', () => {
    expect(() => planConversation('a', ['a'], '')).toThrow(/at least one member/)
    expect(() => planConversation('a', ['b', 'c'], '')).toThrow(/title/)
    const crowd = Array.from({ length: 256 }, (_, i) => `u${i}`)
    expect(() => planConversation('a', crowd, 'Everyone')).toThrow(/at most 256/)
  })
})
