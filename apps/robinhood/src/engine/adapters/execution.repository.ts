import { inTransaction, type Pool, type PoolClient } from '@wired/db'
import { outboxValues, writeOutbox } from '@wired/db/outbox'
import type { Order } from '@wired/proto/robinhood/v1/orders'
import { OrderCancelledEvent, OrderFilledEvent, type RobinhoodTopics } from '../../shared/topics'
import type { Decision, RestingOrder } from '../domain/execution'

const OPEN = 0
const FILLED = 1
const CANCELLED = 2

/**
 * The engine's decisions in PostgreSQL (schema rh_engine). Each decision and the record that
 * announces it (robinhood.executions, through the outbox) commit together, and each is guarded so
 * that it can happen once: processed_orders for a new order, `state = 0` for a resting one.
 */
export class ExecutionRepository {
  constructor(
    private readonly pool: Pool,
    private readonly topics: RobinhoodTopics,
  ) {}

  /**
   * Records the decision for a new order; false if this order was processed before (a
   * redelivery). One statement: processed_orders' INSERT gates the decision's row in the same
   * CTE, so both happen or neither, in one round trip.
   */
  async decideNew(order: Order, decision: Decision): Promise<boolean> {
    const processed =
      'WITH processed AS (INSERT INTO processed_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1)'
    if (decision.kind === 'rest') {
      const { rowCount } = await this.pool.query(
        `${processed} INSERT INTO resting_orders (order_id, account_id, symbol, side, quantity, limit_cents)
         SELECT $1, $2, $3, $4, $5, $6 FROM processed`,
        [order.orderId, order.accountId, order.symbol, order.side, order.quantity, order.limitCents],
      )
      return rowCount === 1
    }
    const [topic, type, value, traceparent] =
      decision.kind === 'fill'
        ? outboxValues(this.fillEvent(order, decision.priceCents))
        : outboxValues(this.cancelEvent(order, decision.reason))
    const { rowCount } = await this.pool.query(
      `${processed} INSERT INTO outbox (topic, key, event_type, value, traceparent) SELECT $2, $3, $4, $5, $6 FROM processed`,
      [order.orderId, topic, order.accountId, type, value, traceparent],
    )
    return rowCount === 1
  }

  /** A resting order fills at `priceCents`, unless a cancel got there first. */
  async fillResting(order: RestingOrder, priceCents: number): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (!(await this.close(client, order.orderId, FILLED))) return false
      await writeOutbox(client, this.fillEvent(order, priceCents))
      return true
    })
  }

  /** A resting order is cancelled, unless a tick filled it first. Returns whether it was. */
  async cancelResting(order: Pick<RestingOrder, 'orderId' | 'accountId'>, reason: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (!(await this.close(client, order.orderId, CANCELLED))) return false
      await writeOutbox(client, this.cancelEvent(order, reason))
      return true
    })
  }

  async openResting(): Promise<RestingOrder[]> {
    const { rows } = await this.pool.query<{
      order_id: string
      account_id: string
      symbol: string
      side: number
      quantity: string
      limit_cents: string
    }>(`SELECT * FROM resting_orders WHERE state = ${OPEN}`)
    return rows.map((row) => ({
      orderId: row.order_id,
      accountId: row.account_id,
      symbol: row.symbol,
      side: row.side,
      quantity: Number(row.quantity),
      limitCents: Number(row.limit_cents),
    }))
  }

  private async close(client: PoolClient, orderId: string, state: number): Promise<boolean> {
    const { rowCount } = await client.query(
      `UPDATE resting_orders SET state = $2 WHERE order_id = $1 AND state = ${OPEN}`,
      [orderId, state],
    )
    return rowCount === 1
  }

  private fillEvent(order: Omit<RestingOrder, 'limitCents'>, priceCents: number) {
    const { orderId, accountId, symbol, side, quantity } = order
    return {
      topic: this.topics.executions,
      key: accountId,
      type: OrderFilledEvent,
      message: { orderId, accountId, symbol, side, quantity, priceCents, atMs: Date.now() },
    }
  }

  private cancelEvent(order: Pick<RestingOrder, 'orderId' | 'accountId'>, reason: string) {
    return {
      topic: this.topics.executions,
      key: order.accountId,
      type: OrderCancelledEvent,
      message: { orderId: order.orderId, accountId: order.accountId, reason, atMs: Date.now() },
    }
  }
}
