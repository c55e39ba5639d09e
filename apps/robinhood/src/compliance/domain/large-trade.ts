/** Orders and fills worth at least this ($50,000) are flagged for a reviewer. */
export const LARGE_NOTIONAL_CENTS = 5_000_000

export const isLarge = (quantity: number, priceCents: number): boolean => quantity * priceCents >= LARGE_NOTIONAL_CENTS

/** What compliance keeps of one record on robinhood.orders or robinhood.executions. */
export interface AuditEntry {
  eventType: string
  orderId: string
  accountId: string
  large: boolean
}
