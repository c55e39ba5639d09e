import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { queryLimitsRule } from './query-limits'

const schema = buildSchema('type Q { a: Q, n: Int } schema { query: Q }')
const check = (query: string) =>
  validate(schema, parse(query), [queryLimitsRule({ maxDepth: 5, maxFields: 20 })]).map((e) => e.message)

describe('queryLimitsRule', () => {
  it('passes a query within both limits', () => {
    expect(check('{ a { a { n } } }')).toEqual([])
  })
  it('refuses depth past the limit, through fragments too', () => {
    expect(check('{ a { a { a { a { a { n } } } } } }')[0]).toMatch(/depth 6 exceeds the limit of 5/)
    expect(check('{ a { ...F } } fragment F on Q { a { a { a { a { n } } } } }')[0]).toMatch(/depth 6/)
  })
  it('counts every alias as a field', () => {
    const bomb = `{ ${Array.from({ length: 30 }, (_, i) => `x${i}: n`).join(' ')} }`
    expect(check(bomb)[0]).toMatch(/more than 20 fields/)
  })
})
