/** What the shoppers did since the last progress line (counts) and in all (totals). */
export interface Tally {
  pageViews: number
  /** Catalogue pages answered 304 to the shopper's If-None-Match. */
  notModified: number
  orders: number
  declined: number
  timedOut: number
  replayed: number
}

export const emptyTally = (): Tally => ({
  pageViews: 0,
  notModified: 0,
  orders: 0,
  declined: 0,
  timedOut: 0,
  replayed: 0,
})

const count = (n: number) => n.toLocaleString('en')
const rate = (n: number, seconds: number) => (seconds > 0 ? n / seconds : 0).toFixed(1)

/**
 * The line a person watching `./wired start amazon` sees every few seconds, e.g.
 * `shoppers: 5 browsing, 3.1 page views/s (12 % 304), 0.4 orders/s (2 declined, 1 replayed), 1,234 units left`.
 * Rates are over the last interval; declined, timed out and replayed are totals since start.
 */
export function progressLine(input: {
  shoppers: number
  recent: Tally
  seconds: number
  total: Tally
  unitsLeft?: number
}): string {
  const { recent, total, seconds } = input
  const outcomes = [`${count(total.declined)} declined`]
  if (total.timedOut > 0) outcomes.push(`${count(total.timedOut)} timed out`)
  outcomes.push(`${count(total.replayed)} replayed`)
  const cached = recent.notModified > 0 ? ` (${Math.round((100 * recent.notModified) / recent.pageViews)} % 304)` : ''
  const units = input.unitsLeft === undefined ? '' : `, ${count(input.unitsLeft)} units left`
  return (
    `shoppers: ${input.shoppers} browsing, ${rate(recent.pageViews, seconds)} page views/s${cached}, ` +
    `${rate(recent.orders, seconds)} orders/s (${outcomes.join(', ')})${units}`
  )
}
