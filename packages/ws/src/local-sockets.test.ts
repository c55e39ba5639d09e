import { describe, expect, it } from 'vitest'
import { LocalSockets } from './local-sockets'

describe('LocalSockets', () => {
  it('says when to subscribe and unsubscribe for a user with several devices', () => {
    const sockets = new LocalSockets<string>()
    expect(sockets.add('alice', 'phone')).toBe(true)
    expect(sockets.add('alice', 'laptop')).toBe(false)
    expect([...sockets.socketsOf('alice')]).toEqual(['phone', 'laptop'])
    expect(sockets.remove('alice', 'phone')).toBe(false)
    expect(sockets.remove('alice', 'phone')).toBe(false)
    expect(sockets.remove('alice', 'laptop')).toBe(true)
    expect(sockets.userCount).toBe(0)
    expect(sockets.socketsOf('alice').size).toBe(0)
  })
})
