import { AppError } from '@wired/runtime'
import { SKU } from './catalog'

export const MAX_LINES = 20
export const MAX_UNITS_PER_LINE = 10

/**
 * A cart's lines as the stock scripts need them: known shape, 1–10 units each, one line per
 * product (two lines of one sku would be checked separately against the same counter).
 */
export function normalizeLines(lines: ReadonlyArray<{ sku: string; quantity: number }>) {
  if (lines.length === 0 || lines.length > MAX_LINES)
    throw new AppError('INVALID_ARGUMENT', `a cart has 1-${MAX_LINES} lines`)
  const bySku = new Map<string, number>()
  for (const { sku, quantity } of lines) {
    if (!SKU.test(sku)) throw new AppError('INVALID_ARGUMENT', 'sku is not a product id')
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_UNITS_PER_LINE)
      throw new AppError('INVALID_ARGUMENT', `quantity is 1-${MAX_UNITS_PER_LINE}`)
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity)
  }
  const merged = [...bySku].map(([sku, quantity]) => ({ sku, quantity }))
  if (merged.some((line) => line.quantity > MAX_UNITS_PER_LINE))
    throw new AppError('INVALID_ARGUMENT', `quantity is 1-${MAX_UNITS_PER_LINE}`)
  return merged
}
