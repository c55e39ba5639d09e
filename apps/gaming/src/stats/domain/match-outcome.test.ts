import { describe, expect, it } from 'vitest'
import { checkOutcome, type MatchOutcome, totalsIncrements } from './match-outcome'

const outcome: MatchOutcome = {
  matchId: 'm_1',
  startedAtMs: 1000,
  endedAtMs: 2000,
  results: [
    { playerId: 'p_a', name: 'Ada', points: 30, rank: 1 },
    { playerId: 'p_b', name: 'Bob', points: 30, rank: 1 },
    { playerId: 'p_c', name: 'Cy', points: 5, rank: 3 },
  ],
}

describe('match outcome', () => {
  it('gives every rank-1 player a win and the others their points only', () => {
    expect(totalsIncrements(outcome)).toEqual([
      { playerId: 'p_a', name: 'Ada', points: 30, win: 1 },
      { playerId: 'p_b', name: 'Bob', points: 30, win: 1 },
      { playerId: 'p_c', name: 'Cy', points: 5, win: 0 },
    ])
  })

  it('refuses a record it cannot apply whole', () => {
    expect(() => checkOutcome(outcome)).not.toThrow()
    expect(() => checkOutcome({ ...outcome, matchId: '' })).toThrow('bad match id')
    expect(() => checkOutcome({ ...outcome, endedAtMs: 0 })).toThrow('ends before it starts')
    const twice = [...outcome.results, outcome.results[0]!]
    expect(() => checkOutcome({ ...outcome, results: twice })).toThrow('listed twice')
    expect(() => checkOutcome({ ...outcome, results: [{ ...outcome.results[0]!, rank: 0 }] })).toThrow(
      'ranks run from 1',
    )
    expect(() => checkOutcome({ ...outcome, results: [{ ...outcome.results[0]!, rank: 2 }] })).toThrow('ranks run')
    expect(() => checkOutcome({ ...outcome, results: [{ ...outcome.results[0]!, points: 2 ** 31 }] })).toThrow(
      'impossible points',
    )
  })
})
