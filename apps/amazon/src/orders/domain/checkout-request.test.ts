import { describe, expect, it } from 'vitest'
import { requestHash, requireIdempotencyKey } from './checkout-request'

const base = { customerId: 'c', idempotencyKey: 'k', cardToken: 'tok_ok' }

describe('checkout request', () => {
  it('hashes the cart regardless of line order, and sees a changed quantity', () => {
    const a = requestHash({
      ...base,
      lines: [
        { sku: 'sku-001', quantity: 1 },
        { sku: 'sku-002', quantity: 2 },
      ],
    })
    const b = requestHash({
      ...base,
      lines: [
        { sku: 'sku-002', quantity: 2 },
        { sku: 'sku-001', quantity: 1 },
      ],
    })
    const c = requestHash({
      ...base,
      lines: [
        { sku: 'sku-002', quantity: 3 },
        { sku: 'sku-001', quantity: 1 },
      ],
    })
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })
  it('refuses a short or unprintable key', () => {
    expect(() => requireIdempotencyKey('short')).toThrow()
    expect(() => requireIdempotencyKey('has a space!')).toThrow()
    expect(requireIdempotencyKey('a-good-key-123')).toBe('a-good-key-123')
  })
})
