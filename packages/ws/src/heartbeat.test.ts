import { afterEach, describe, expect, it, vi } from 'vitest'
import { type HeartbeatTarget, startHeartbeat } from './heartbeat'

afterEach(() => {
  vi.useRealTimers()
})

function peer(answersPings: boolean) {
  const target = {
    alive: true,
    pings: 0,
    terminated: false,
    ping() {
      target.pings += 1
      if (answersPings) target.alive = true // the pong, instantly
    },
    terminate() {
      target.terminated = true
    },
  }
  return target
}

describe('startHeartbeat', () => {
  it('pings each connection once per interval, a slice per 100 ms tick', () => {
    vi.useFakeTimers()
    const peers = Array.from({ length: 1_000 }, () => peer(true))
    const heartbeat = startHeartbeat(new Set<HeartbeatTarget>(peers), 1_000, () => {})
    vi.advanceTimersByTime(100)
    expect(peers.filter((p) => p.pings === 1)).toHaveLength(100)
    vi.advanceTimersByTime(900)
    expect(peers.every((p) => p.pings === 1)).toBe(true)
    vi.advanceTimersByTime(1_000)
    expect(peers.every((p) => p.pings === 2)).toBe(true)
    heartbeat.stop()
  })

  it('terminates a peer that did not answer the previous ping, and only that one', () => {
    vi.useFakeTimers()
    const healthy = peer(true)
    const dead = peer(false)
    const timedOut: HeartbeatTarget[] = []
    const connections = new Set<HeartbeatTarget>([healthy, dead])
    const heartbeat = startHeartbeat(connections, 1_000, (target) => timedOut.push(target))
    vi.advanceTimersByTime(1_000)
    expect(dead.terminated).toBe(false) // pinged once, not yet overdue
    vi.advanceTimersByTime(1_000)
    expect(dead.terminated).toBe(true)
    expect(timedOut).toEqual([dead])
    expect(healthy.terminated).toBe(false)
    heartbeat.stop()
  })

  it('gives a ping at least half an interval to be answered while connections pour in', () => {
    vi.useFakeTimers()
    const connections = new Set<HeartbeatTarget>()
    const slow: Array<ReturnType<typeof peer>> = []
    const heartbeat = startHeartbeat(connections, 1_000, () => {})
    // Round one starts with 10 connections; 990 more join during it and are pinged at its last tick.
    for (let i = 0; i < 10; i++) connections.add(peer(true))
    vi.advanceTimersByTime(100)
    for (let i = 0; i < 990; i++) {
      const late = peer(false) // a busy client: its pong is on the way, not back yet
      slow.push(late)
      connections.add(late)
    }
    vi.advanceTimersByTime(900)
    expect(slow.every((p) => p.pings === 1)).toBe(true)
    // Round two's slices are 100 wide: the first late joiners come up a tick after their ping.
    vi.advanceTimersByTime(300)
    expect(slow.filter((p) => p.terminated)).toEqual([])
    // Their pongs arrive, and from then on they answer at once: they stay, like any other connection.
    for (const p of slow) {
      p.alive = true
      p.ping = () => {
        p.pings += 1
        p.alive = true
      }
    }
    vi.advanceTimersByTime(2_000)
    expect(slow.filter((p) => p.terminated)).toEqual([])
    heartbeat.stop()
  })
})
