import { describe, expect, it } from 'vitest'
import { quoteFare } from './fare'
import { SurgeBoard } from './surge'

const options = { demandWindowMs: 60_000, supplyWindowMs: 10_000, step: 0.5, max: 3 }

describe('SurgeBoard', () => {
  it('rises when requests outnumber available drivers and falls when supply returns', () => {
    const board = new SurgeBoard(options)
    board.recordDriver('d1', 'c1r1', 0, true)
    for (const ride of ['r1', 'r2', 'r3']) board.recordRequest(ride, 'c1r1', 0)
    expect(board.surgeAt('c1r1', 1).multiplier).toBe(2) // 3 requests / 1 driver → 1 + 2 × 0.5
    for (const driver of ['d2', 'd3', 'd4']) board.recordDriver(driver, 'c1r1', 1, true)
    expect(board.surgeAt('c1r1', 2)).toMatchObject({ multiplier: 1, demand: 3, supply: 4 })
  })

  it('counts each ride and driver once, whatever Kafka redelivers', () => {
    const board = new SurgeBoard(options)
    for (let i = 0; i < 5; i++) board.recordRequest('r1', 'c0r0', i)
    board.recordRequest('r2', 'c0r0', 0)
    expect(board.surgeAt('c0r0', 1)).toMatchObject({ demand: 2, supply: 0, multiplier: 1.5 })
  })

  it('ignores busy drivers, forgets silent ones and old requests, and caps the multiplier', () => {
    const board = new SurgeBoard(options)
    board.recordDriver('busy', 'c0r0', 0, false)
    for (let i = 0; i < 20; i++) board.recordRequest(`r${i}`, 'c0r0', 0)
    expect(board.surgeAt('c0r0', 1)).toMatchObject({ supply: 0, multiplier: 3 })
    board.recordDriver('d1', 'c0r0', 0, true)
    expect(board.surgeAt('c0r0', 20_000).supply).toBe(0)
    expect(board.surgeAt('c0r0', 61_000)).toMatchObject({ demand: 0, multiplier: 1 })
  })

  it('keeps the newest sighting when positions arrive out of order', () => {
    const board = new SurgeBoard(options)
    board.recordDriver('d1', 'c2r2', 5, true)
    board.recordDriver('d1', 'c0r0', 4, true)
    expect(board.surgeAt('c2r2', 6).supply).toBe(1)
  })
})

describe('quoteFare', () => {
  it('charges base + distance + time, at least the minimum, times surge', () => {
    expect(quoteFare({ metres: 5000, seconds: 600 }, 1)).toBe(250 + 600 + 300)
    expect(quoteFare({ metres: 5000, seconds: 600 }, 1.5)).toBe(1730)
    expect(quoteFare({ metres: 100, seconds: 10 }, 1)).toBe(500)
  })
})
