import type { Pool, PoolClient } from '@wired/db'
import type { Order } from '@wired/proto/robinhood/v1/orders'
import { inTransaction, writeOutbox } from '../../shared/outbox'
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

  /** Records the decision for a new order; false if this order was processed before (a redelivery). */
  async decideNew(order: Order, decision: Decision): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        'INSERT INTO processed_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING',
        [order.orderId],
      )
      if (rowCount === 0) return false
      if (decision.kind === 'fill') await this.announceFill(client, order, decision.priceCents)
      else if (decision.kind === 'cancel') await this.announceCancel(client, order, decision.reason)
      else
        await client.query(
          `INSERT INTO resting_orders (order_id, account_id, symbol, side, quantity, limit_cents) VALUES ($1, $2, $3, $4, $5, $6)`,
          [order.orderId, order.accountId, order.symbol, order.side, order.quantity, order.limitCents],
        )
      return true
    })
  }

  /** A resting order fills at `priceCents`, unless a cancel got there first. */
  async fillResting(order: RestingOrder, priceCents: number): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (!(await this.close(client, order.orderId, FILLED))) return false
      await this.announceFill(client, order, priceCents)
      return true
    })
  }

  /** A resting order is cancelled, unless a tick filled it first. Returns whether it was. */
  async cancelResting(order: Pick<RestingOrder, 'orderId' | 'accountId'>, reason: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      if (!(await this.close(client, order.orderId, CANCELLED))) return false
      await this.announceCancel(client, order, reason)
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

  private announceFill(client: PoolClient, order: Omit<RestingOrder, 'limitCents'>, priceCents: number) {
    return writeOutbox(client, {
      topic: this.topics.executions,
      key: order.accountId,
      type: OrderFilledEvent,
      message: { ...order, priceCents, atMs: Date.now() },
    })
  }

  private announceCancel(client: PoolClient, order: Pick<RestingOrder, 'orderId' | 'accountId'>, reason: string) {
    return writeOutbox(client, {
      topic: this.topics.executions,
      key: order.accountId,
      type: OrderCancelledEvent,
      message: { orderId: order.orderId, accountId: order.accountId, reason, atMs: Date.now() },
    })
  }
}
