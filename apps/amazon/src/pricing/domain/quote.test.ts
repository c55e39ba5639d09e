import { describe, expect, it } from 'vitest'
import { catalogBySku } from '../../shared/catalog'
import { quote } from './quote'

describe('quote', () => {
  it('prices from the catalogue, with 5% off ten or more of one product', () => {
    const unit = catalogBySku.get('sku-001')!.priceCents
    const result = quote([
      { sku: 'sku-001', quantity: 10 },
      { sku: 'sku-100', quantity: 1 },
    ])
    expect(result.lines[0]!.unitCents).toBe(Math.floor((unit * 95) / 100))
    expect(result.totalCents).toBe(result.lines[0]!.unitCents * 10 + 49_999)
  })
  it('refuses an unknown product', () => {
    expect(() => quote([{ sku: 'sku-999', quantity: 1 }])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})
