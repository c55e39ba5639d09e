import { describe, expect, it } from 'vitest'
import { DEFAULT_ANSWERS, parseAnswers } from '../src/questions'
import { recommend } from '../src/recommend'
import { SCENARIO_EDGES } from '../src/scenario-edges'

describe('the rules give the guide’s choice on every edge of the ten scenarios', () => {
  it('covers all ten scenarios', () => {
    expect(new Set(SCENARIO_EDGES.map((edge) => edge.scenario)).size).toBe(10)
  })

  it.each(SCENARIO_EDGES.map((edge) => [`${edge.scenario}: ${edge.edge}`, edge] as const))('%s', (_, edge) => {
    const { recommended, rejected } = recommend({ ...DEFAULT_ANSWERS, ...edge.answers })
    expect(recommended[0]?.protocol.id).toBe(edge.expected)
    // A clear answer: the runner-up trails by more than a point, so no edge hangs on a tie.
    expect(recommended.map((entry) => entry.protocol.id)).toEqual([edge.expected])
    expect(recommended[0]!.for.length).toBeGreaterThan(0)
    for (const other of rejected) expect(other.against.length, other.protocol.id).toBeGreaterThan(0)
  })
})

describe('parseAnswers', () => {
  it('names an unknown question or option and takes defaults for the rest', () => {
    expect(() => parseAnswers({ colour: 'blue' })).toThrow("unknown question 'colour'")
    expect(() => parseAnswers({ pattern: 'telepathy' })).toThrow("pattern: 'telepathy' is not an option")
    expect(parseAnswers({ client: 'device' })).toEqual({ ...DEFAULT_ANSWERS, client: 'device' })
  })
})
