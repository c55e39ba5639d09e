import { seededRandom } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { applyMove, MAX_SPEED, TICK_SECONDS } from '../../shared/movement'
import { checkDatagram } from './datagram-check'
import { MAX_BANKED_TICKS } from './input-queue'
import { Match, PICKUP_RESPAWN_TICKS } from './match'
import { TickStats } from './tick-stats'

const seeded = () => seededRandom(42)

describe('match simulation', () => {
  it('applies one input per tick in inputSeq order, once each: flooding inputs is no speed hack', () => {
    const match = new Match('m', Date.now() + 60_000, Date.now(), 32, seeded())
    const player = match.join('p1', 'Ada')
    const start = { x: player.x, y: player.y }
    const flood = Array.from({ length: 8 }, (_, i) => ({ inputSeq: 8 - i, moveX: 127, moveY: 0 }))
    for (let i = 0; i < 50; i++) match.receiveInputs(player.slot, flood) // replays of the same 8
    match.step()
    expect(player.lastAppliedInputSeq).toBe(1)
    expect({ x: player.x, y: player.y }).toEqual(applyMove(start, { moveX: 127, moveY: 0 }))
    for (let i = 0; i < 20; i++) match.step()
    expect(player.lastAppliedInputSeq).toBe(8)
    expect(player.x - start.x).toBeLessThanOrEqual(8 * MAX_SPEED * TICK_SECONDS + 1e-3)
    match.receiveInputs(player.slot, [{ inputSeq: 3, moveX: 127, moveY: 0 }]) // an old one again
    const before = player.x
    match.step()
    expect(player.x).toBe(before)
  })

  it('catches up with banked idle ticks, at most two, so jitter leaves no standing queue', () => {
    const match = new Match('m', Date.now() + 60_000, Date.now(), 32, seeded())
    const player = match.join('p1', 'Ada')
    for (let i = 0; i < 10; i++) match.step() // idle: banks MAX_BANKED_TICKS, no more
    expect(player.banked).toBe(MAX_BANKED_TICKS)
    match.receiveInputs(
      player.slot,
      [1, 2, 3, 4, 5, 6].map((inputSeq) => ({ inputSeq, moveX: 127, moveY: 0 })),
    )
    match.step()
    expect(player.lastAppliedInputSeq).toBe(2)
    match.step()
    expect(player.lastAppliedInputSeq).toBe(4)
    match.step() // the bank is spent: one a tick again
    expect(player.lastAppliedInputSeq).toBe(5)
  })

  it('scores a pickup once, hides it and brings it back elsewhere', () => {
    const match = new Match('m', Date.now() + 60_000, Date.now(), 32, seeded())
    const player = match.join('p1', 'Ada')
    const pickup = match.pickups[0]!
    Object.assign(player, { x: pickup.x, y: pickup.y })
    const outcome = match.step()
    expect(outcome.events).toEqual([
      { type: 'pickup', slot: player.slot, pickupId: pickup.pickupId, tick: 1 },
      { type: 'score', slot: player.slot, score: 1 },
    ])
    expect(match.step().events).toEqual([])
    expect(match.snapshotFor(player).pickups.some((p) => p.pickupId === pickup.pickupId)).toBe(false)
    for (let i = 0; i < PICKUP_RESPAWN_TICKS; i++) match.step()
    expect(pickup.respawnAt).toBe(0)
    expect(match.results()).toEqual([{ slot: 1, playerId: 'p1', name: 'Ada', points: 1, rank: 1 }])
  })

  it('refuses a player past capacity, and gives a returning player their slot back', () => {
    const match = new Match('m', Date.now() + 60_000, Date.now(), 1, seeded())
    const first = match.join('p1', 'Ada')
    expect(() => match.join('p2', 'Bob')).toThrow('match is full')
    match.leave(first.slot)
    expect(match.join('p1', 'Ada').slot).toBe(first.slot)
  })
})

describe('datagram session rules', () => {
  const session = { sessionToken: 7, boundAddress: '1.2.3.4:5', lastSeq: 10 }
  it('drops a wrong token, another address, a replayed seq, and input before hello', () => {
    expect(checkDatagram(session, { type: 'input', sessionToken: 8, seq: 11 }, '1.2.3.4:5')).toBe('bad-token')
    expect(checkDatagram(session, { type: 'input', sessionToken: 7, seq: 11 }, '6.6.6.6:5')).toBe('spoofed-address')
    expect(checkDatagram(session, { type: 'input', sessionToken: 7, seq: 10 }, '1.2.3.4:5')).toBe('replayed-seq')
    expect(
      checkDatagram({ ...session, boundAddress: undefined }, { type: 'input', sessionToken: 7, seq: 11 }, 'x'),
    ).toBe('not-bound')
    expect(checkDatagram(session, { type: 'input', sessionToken: 7, seq: 11 }, '1.2.3.4:5')).toBe('ok')
  })
})

describe('tick stats', () => {
  it('reports percentiles of duration and lateness', () => {
    const stats = new TickStats(100)
    for (let i = 1; i <= 100; i++) stats.record(i / 100, -i / 50)
    expect(stats.summary()).toMatchObject({ ticks: 100, durationMs: { p50: 0.51, p99: 1 }, jitterMs: { p99: 2 } })
  })
})
