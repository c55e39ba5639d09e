import { describe, expect, it } from 'vitest'
import { applyMove } from '../src/shared/movement'
import { Interpolation } from '../web/interpolation.js'
import { clampMove, MAX_SPEED, PLAYER_RADIUS, step, TICK_RATE } from '../web/movement.js'
import { Prediction } from '../web/prediction.js'

// The page's prediction, reconciliation and interpolation (web/*.js), in Node.
const PER_TICK = MAX_SPEED / TICK_RATE
/** What the server does: apply inputs in order with the rule, send positions as f32. */
function serverAfter(start: { x: number; y: number }, inputs: Array<{ moveX: number; moveY: number }>) {
  let position = start
  for (const input of inputs) position = step(position, input)
  return { x: Math.fround(position.x), y: Math.fround(position.y) }
}

describe('the movement rule as the page mirrors it', () => {
  it('moves max speed per tick at full stick, proportionally less below it, no faster on a diagonal', () => {
    expect(step({ x: 500, y: 500 }, { moveX: 127, moveY: 0 }).x).toBeCloseTo(500 + PER_TICK, 4)
    // Whole stick steps only (as the i8 on the wire): 63.9 is 63.
    expect(step({ x: 500, y: 500 }, { moveX: 0, moveY: -63.9 }).y).toBeCloseTo(500 - (PER_TICK * 63) / 127, 4)
    const diagonal = step({ x: 500, y: 500 }, { moveX: 127, moveY: 127 })
    expect(Math.hypot(diagonal.x - 500, diagonal.y - 500)).toBeLessThanOrEqual(PER_TICK)
    expect(Math.hypot(diagonal.x - 500, diagonal.y - 500)).toBeGreaterThan(PER_TICK * 0.98)
    expect(clampMove(-127, 127)).toEqual({ x: -89, y: 89 })
  })

  it("is the server's rule (src/shared/movement.ts) bit for bit, walls and odd sticks included", () => {
    let web = { x: 500, y: 500 }
    let server = { x: 500, y: 500 }
    for (let tick = 0; tick < 5000; tick++) {
      // A deterministic spread of sticks: full, partial, fractional, out of range.
      const input = { moveX: ((tick * 37) % 301) - 150 + (tick % 3) * 0.4, moveY: ((tick * 53) % 281) - 140 }
      web = step(web, input)
      server = applyMove(server, input)
      expect(web).toEqual(server)
    }
  })

  it('keeps the player inside the arena', () => {
    expect(step({ x: PLAYER_RADIUS + 1, y: 999 }, { moveX: -127, moveY: 127 })).toEqual({
      x: PLAYER_RADIUS,
      y: 1000 - PLAYER_RADIUS,
    })
  })
})

describe('client-side prediction with server reconciliation', () => {
  it('moves at once on a local input, before any snapshot says so', () => {
    const prediction = new Prediction()
    prediction.reconcile({ ackInputSeq: 0, x: 100, y: 100 })
    prediction.record(127, 0)
    prediction.record(127, 0)
    expect(prediction.position!.x).toBeCloseTo(100 + 2 * PER_TICK, 4)
    expect(prediction.pending.map((input) => input.seq)).toEqual([1, 2])
  })

  it('replays the inputs after the ack from the server position, and forgets the acknowledged ones', () => {
    const prediction = new Prediction()
    prediction.reconcile({ ackInputSeq: 0, x: 100, y: 100 })
    for (let tick = 0; tick < 10; tick++) prediction.record(0, 127)
    // The server applied inputs 1–4 but had us 5 units further right (a push we did not predict).
    const server = serverAfter({ x: 105, y: 100 }, prediction.pending.slice(0, 4))
    const error = prediction.reconcile({ ackInputSeq: 4, ...server })
    expect(prediction.pending.map((input) => input.seq)).toEqual([5, 6, 7, 8, 9, 10])
    expect(prediction.position!.x).toBeCloseTo(105, 4)
    expect(prediction.position!.y).toBeCloseTo(100 + 10 * PER_TICK, 4)
    expect(error).toBeCloseTo(5, 4)
    expect(prediction.unacknowledged(8).map((input) => input.seq)).toEqual([5, 6, 7, 8, 9, 10])
  })

  it('lands exactly where it predicted when no input was lost (reconcile error 0 over a long run)', () => {
    const prediction = new Prediction()
    prediction.reconcile({ ackInputSeq: 0, x: 500, y: 500 })
    const applied: Array<{ moveX: number; moveY: number }> = []
    let worst = 0
    for (let tick = 1; tick <= 600; tick++) {
      // Steer around, into walls too; the server is 5 inputs behind (a round trip of ~80 ms).
      const input = prediction.record(Math.round(127 * Math.cos(tick / 40)), Math.round(127 * Math.sin(tick / 23)))
      applied.push(input)
      if (tick > 5) {
        const server = serverAfter({ x: 500, y: 500 }, applied.slice(0, tick - 5))
        worst = Math.max(worst, prediction.reconcile({ ackInputSeq: tick - 5, ...server }))
      }
    }
    expect(worst).toBe(0)
    const server = serverAfter({ x: 500, y: 500 }, applied)
    prediction.reconcile({ ackInputSeq: 600, ...server })
    expect(prediction.position).toEqual(server)
    expect(prediction.pending).toEqual([])
  })

  it('numbers its inputs after what a first snapshot already acknowledges (a rejoin keeps the player)', () => {
    const prediction = new Prediction()
    prediction.reconcile({ ackInputSeq: 500, x: 100, y: 100 })
    expect(prediction.record(127, 0).seq).toBe(501)
    prediction.reconcile({ ackInputSeq: 501, x: Math.fround(100 + PER_TICK), y: 100 })
    expect(prediction.pending).toEqual([])
  })

  it('ignores a snapshot older than one it already used', () => {
    const prediction = new Prediction()
    prediction.reconcile({ ackInputSeq: 0, x: 100, y: 100 })
    prediction.record(127, 0)
    prediction.reconcile({ ackInputSeq: 1, x: 100 + PER_TICK, y: 100 })
    prediction.reconcile({ ackInputSeq: 0, x: 100, y: 100 })
    expect(prediction.position!.x).toBeCloseTo(100 + PER_TICK, 4)
  })
})

describe('interpolation of other players', () => {
  it('draws others ~100 ms in the past, between the two snapshots around that moment', () => {
    const interpolation = new Interpolation(100)
    const msPerTick = 1000 / 60
    for (let tick = 0; tick <= 12; tick++) {
      interpolation.push({ tick, players: [{ slot: 2, x: tick * 10, y: 50 }] }, tick * msPerTick)
    }
    // At tick 12 arriving, the page draws tick 6 (100 ms = 6 ticks behind).
    const [other] = interpolation.playersAt(12 * msPerTick)
    expect(other!.x).toBeCloseTo(60, 6)
    const [between] = interpolation.playersAt(12.5 * msPerTick)
    expect(between!.x).toBeCloseTo(65, 6)
  })
})
