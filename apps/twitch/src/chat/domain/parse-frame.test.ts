import { describe, expect, it } from 'vitest'
import { parseClientFrame } from './parse-frame'

describe('chat frames', () => {
  it('accepts the five client frames', () => {
    expect(parseClientFrame({ type: 'send', text: 'hi', ref: 'r1' })).toEqual({ type: 'send', text: 'hi', ref: 'r1' })
    expect(parseClientFrame({ type: 'delete', id: 'm_AAAAAAAAAAAAAAAA' }).type).toBe('delete')
    expect(parseClientFrame({ type: 'ban', user: 'bob_1' })).toEqual({ type: 'ban', user: 'bob_1', ref: undefined })
    expect(parseClientFrame({ type: 'slow-mode', seconds: 0 }).type).toBe('slow-mode')
  })

  it('names what is wrong', () => {
    expect(() => parseClientFrame({ type: 'shout' })).toThrow('unknown frame type')
    expect(() => parseClientFrame({ type: 'send', text: 'x', html: '<b>' })).toThrow("unknown field 'html'")
    expect(() => parseClientFrame({ type: 'delete', id: '1' })).toThrow('message id')
    expect(() => parseClientFrame({ type: 'ban', user: 'Bob Smith' })).toThrow('user name')
    expect(() => parseClientFrame({ type: 'slow-mode', seconds: 1.5 })).toThrow('integer')
    expect(() => parseClientFrame({ type: 'slow-mode', seconds: '5' })).toThrow('integer')
    expect(() => parseClientFrame({ type: 'send', text: 'x', ref: 'a b' })).toThrow('ref')
  })
})
