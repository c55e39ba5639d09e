import { describe, expect, it } from 'vitest'
import { normalizeLines } from './cart-lines'

describe('normalizeLines', () => {
  it('merges two lines of one product', () => {
    expect(
      normalizeLines([
        { sku: 'sku-001', quantity: 2 },
        { sku: 'sku-001', quantity: 3 },
      ]),
    ).toEqual([{ sku: 'sku-001', quantity: 5 }])
  })
  it.each([
    [[]],
    [[{ sku: 'sku-001', quantity: 0 }]],
    [[{ sku: 'sku-001', quantity: -1 }]],
    [[{ sku: 'sku-001', quantity: 1e12 }]],
    [[{ sku: "'; DROP TABLE sales --", quantity: 1 }]],
  ])('refuses %j', (lines) => {
    expect(() => normalizeLines(lines)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })
})
