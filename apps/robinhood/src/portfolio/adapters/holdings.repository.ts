import { inTransaction, type Pool, type PoolClient } from '@wired/db'
import type { OrderFilled } from '@wired/proto/robinhood/v1/events'
import { type Portfolio, Side } from '@wired/proto/robinhood/v1/orders'
import { AppError } from '@wired/runtime'
import { applyFill } from '../domain/fill'

export interface HoldRequest {
  orderId: string
  accountId: string
  symbol: string
  side: Side
  cents: number
  quantity: number
}

/**
 * Cash, positions and holds in PostgreSQL (schema rh_portfolio). Every change is one
 * transaction whose conditional UPDATE is the check: `... WHERE cash_cents - held_cents >= $n`
 * either reserves the money or touches no row, so two orders racing for the last dollars cannot
 * both get it (no read-then-write window).
 */
export class HoldingsRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Reserves cash (buy) or shares (sell) for an order; a second call for the same order is a
   * no-op. One statement, so one round trip on the order's critical path: the conditional
   * UPDATE reserves (or matches nothing), and the hold row is inserted only from its result. Two
   * racing calls for one order both reserve, but the second's INSERT then breaks the primary key
   * and PostgreSQL undoes its whole statement, reservation included.
   */
  async hold(request: HoldRequest): Promise<void> {
    const buy = request.side === Side.BUY
    const reserve = buy
      ? `UPDATE accounts SET held_cents = held_cents + $5
         WHERE account_id = $2 AND cash_cents - held_cents >= $5 AND NOT EXISTS (SELECT 1 FROM holds WHERE order_id = $1)`
      : `UPDATE positions SET held_quantity = held_quantity + $6
         WHERE account_id = $2 AND symbol = $3 AND quantity - held_quantity >= $6 AND NOT EXISTS (SELECT 1 FROM holds WHERE order_id = $1)`
    try {
      const { rowCount } = await this.pool.query(
        `WITH reserved AS (${reserve} RETURNING 1)
         INSERT INTO holds (order_id, account_id, symbol, side, cents, quantity) SELECT $1, $2, $3, $4, $5, $6 FROM reserved`,
        // A buy reserves cash only and a sell shares only; the row says exactly what to give back.
        [
          request.orderId,
          request.accountId,
          request.symbol,
          request.side,
          buy ? request.cents : 0,
          buy ? 0 : request.quantity,
        ],
      )
      if (rowCount === 1) return
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error // a racing call for this order won
      return
    }
    // Nothing reserved: held before (a retry, fine), or refused.
    const { rows } = await this.pool.query('SELECT 1 FROM holds WHERE order_id = $1', [request.orderId])
    if (rows.length > 0) return
    const { rows: account } = await this.pool.query('SELECT 1 FROM accounts WHERE account_id = $1', [request.accountId])
    if (account.length === 0) throw new AppError('NOT_FOUND', 'no such account')
    throw new AppError(
      'FAILED_PRECONDITION',
      buy ? 'insufficient buying power' : `not enough unheld ${request.symbol} shares to sell`,
      { reason: buy ? 'INSUFFICIENT_BUYING_POWER' : 'INSUFFICIENT_SHARES' },
    )
  }

  /** Gives an order's reservation back; false if there was none (released or filled already). */
  async release(orderId: string): Promise<boolean> {
    return inTransaction(this.pool, (client) => this.releaseWith(client, orderId))
  }

  /**
   * Applies a fill once: cash, the position and the hold move together, and the order id in
   * applied_executions makes a redelivered record a no-op. Returns false for a repeat.
   */
  async applyFilled(fill: OrderFilled): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (!(await this.firstTime(client, fill.orderId))) return false
      const { rows: holds } = await client.query<{ cents: string; quantity: string }>(
        'DELETE FROM holds WHERE order_id = $1 RETURNING cents, quantity',
        [fill.orderId],
      )
      const hold = { cents: Number(holds[0]?.cents ?? 0), quantity: Number(holds[0]?.quantity ?? 0) }
      const { rows } = await client.query<{ quantity: string; cost_cents: string }>(
        'SELECT quantity, cost_cents FROM positions WHERE account_id = $1 AND symbol = $2 FOR UPDATE',
        [fill.accountId, fill.symbol],
      )
      const before = { quantity: Number(rows[0]?.quantity ?? 0), costCents: Number(rows[0]?.cost_cents ?? 0) }
      const effect = applyFill(before, fill.side, fill.quantity, fill.priceCents)
      await client.query(
        'UPDATE accounts SET cash_cents = cash_cents + $2, held_cents = held_cents - $3 WHERE account_id = $1',
        [fill.accountId, effect.cashDeltaCents, hold.cents],
      )
      await client.query(
        `INSERT INTO positions (account_id, symbol, quantity, held_quantity, cost_cents) VALUES ($1, $2, $3, 0, $4)
         ON CONFLICT (account_id, symbol) DO UPDATE
         SET quantity = $3, cost_cents = $4, held_quantity = positions.held_quantity - $5`,
        [fill.accountId, fill.symbol, effect.quantity, effect.costCents, hold.quantity],
      )
      return true
    })
  }

  /** A cancelled order's reservation goes back, once. */
  async applyCancelled(orderId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (!(await this.firstTime(client, orderId))) return false
      await this.releaseWith(client, orderId)
      return true
    })
  }

  async portfolio(accountId: string): Promise<Portfolio> {
    const { rows: accounts } = await this.pool.query<{ cash_cents: string; held_cents: string }>(
      'SELECT cash_cents, held_cents FROM accounts WHERE account_id = $1',
      [accountId],
    )
    if (accounts.length === 0) throw new AppError('NOT_FOUND', 'no such account')
    const { rows } = await this.pool.query<{
      symbol: string
      quantity: string
      held_quantity: string
      cost_cents: string
    }>(
      'SELECT symbol, quantity, held_quantity, cost_cents FROM positions WHERE account_id = $1 AND quantity > 0 ORDER BY symbol',
      [accountId],
    )
    return {
      accountId,
      cashCents: Number(accounts[0]!.cash_cents),
      heldCents: Number(accounts[0]!.held_cents),
      positions: rows.map((row) => ({
        symbol: row.symbol,
        quantity: Number(row.quantity),
        heldQuantity: Number(row.held_quantity),
        costCents: Number(row.cost_cents),
      })),
    }
  }

  private async firstTime(client: PoolClient, orderId: string): Promise<boolean> {
    const { rowCount } = await client.query(
      'INSERT INTO applied_executions (order_id) VALUES ($1) ON CONFLICT DO NOTHING',
      [orderId],
    )
    return rowCount === 1
  }

  private async releaseWith(client: PoolClient, orderId: string): Promise<boolean> {
    const { rows } = await client.query<{
      account_id: string
      symbol: string
      side: number
      cents: string
      quantity: string
    }>('DELETE FROM holds WHERE order_id = $1 RETURNING account_id, symbol, side, cents, quantity', [orderId])
    const hold = rows[0]
    if (!hold) return false
    if (hold.side === Side.BUY)
      await client.query('UPDATE accounts SET held_cents = held_cents - $2 WHERE account_id = $1', [
        hold.account_id,
        hold.cents,
      ])
    else
      await client.query(
        'UPDATE positions SET held_quantity = held_quantity - $3 WHERE account_id = $1 AND symbol = $2',
        [hold.account_id, hold.symbol, hold.quantity],
      )
    return true
  }
}
