import { describe, expect, it } from 'vitest'
import { applyMove, clampStick, MAX_SPEED, TICK_SECONDS } from './movement'
import { Prediction } from './prediction'

describe('movement rule', () => {
  it('moves at most max speed per tick, diagonals included, and stays inside the arena', () => {
    const moved = applyMove({ x: 500, y: 500 }, { moveX: 127, moveY: 127 })
    expect(Math.hypot(moved.x - 500, moved.y - 500)).toBeLessThanOrEqual(MAX_SPEED * TICK_SECONDS + 1e-3)
    expect(clampStick({ moveX: 1000, moveY: -1000 })).toEqual({ moveX: 89, moveY: -89 })
    expect(applyMove({ x: 13, y: 13 }, { moveX: -127, moveY: -127 })).toEqual({ x: 12, y: 12 })
  })
})

describe('client-side prediction', () => {
  it('agrees with a server that applied the same inputs, and corrects toward one that did not', () => {
    const prediction = new Prediction({ x: 100, y: 100 })
    const sticks = [
      { moveX: 127, moveY: 0 },
      { moveX: 0, moveY: 127 },
      { moveX: -60, moveY: 30 },
    ]
    for (const stick of sticks) prediction.applyInput(stick)
    // The server applied the first two: it is there; the third is replayed on top.
    const server = applyMove(applyMove({ x: 100, y: 100 }, sticks[0]!), sticks[1]!)
    expect(prediction.reconcile(2, server)).toBe(0)
    expect(prediction.pendingCount).toBe(1)
    expect(prediction.position).toEqual(applyMove(server, sticks[2]!))
    // The server says the player is elsewhere (it lost an input): the server wins.
    const error = prediction.reconcile(3, { x: 50, y: 50 })
    expect(error).toBeGreaterThan(50)
    expect(prediction.position).toEqual({ x: 50, y: 50 })
    // An older snapshot arriving late changes nothing.
    expect(prediction.reconcile(1, { x: 0, y: 0 })).toBe(0)
    expect(prediction.position).toEqual({ x: 50, y: 50 })
  })
})
