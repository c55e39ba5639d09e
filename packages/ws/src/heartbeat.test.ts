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
})
