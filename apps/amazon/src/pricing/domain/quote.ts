import { AppError } from '@wired/runtime'
import { catalogBySku } from '../../shared/catalog'

/**
 * The price of a cart, decided by the server from the catalogue: a client never sends a price
 * (the REST body has no field for one), so a tampered page cannot buy at its own price.
 * Ten or more units of one product get 5% off that line, rounded down to the cent.
 */
export function quote(lines: ReadonlyArray<{ sku: string; quantity: number }>) {
  const priced = lines.map(({ sku, quantity }) => {
    const item = catalogBySku.get(sku)
    if (!item) throw new AppError('NOT_FOUND', `no product ${sku}`)
    const unitCents = quantity >= 10 ? Math.floor((item.priceCents * 95) / 100) : item.priceCents
    return { sku, quantity, unitCents }
  })
  return { lines: priced, totalCents: priced.reduce((sum, line) => sum + line.unitCents * line.quantity, 0) }
}
