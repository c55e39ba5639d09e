import { inTransaction, type Pool } from '@wired/db'
import { outboxValues, writeOutbox } from '@wired/db/outbox'
import { type Order, OrderState } from '@wired/proto/robinhood/v1/orders'
import { AppError } from '@wired/runtime'
import { CancelRequestedEvent, OrderPlacedEvent, type RobinhoodTopics } from '../../shared/topics'

interface OrderRow {
  order_id: string
  account_id: string
  request_hash: string
  symbol: string
  side: number
  type: number
  quantity: string
  limit_cents: string
  state: number
  fill_price_cents: string
  reason: string
  created_at: Date
}

const toOrder = (row: OrderRow): Order => ({
  orderId: row.order_id,
  accountId: row.account_id,
  symbol: row.symbol,
  side: row.side,
  type: row.type,
  quantity: Number(row.quantity),
  limitCents: Number(row.limit_cents),
  state: row.state,
  fillPriceCents: Number(row.fill_price_cents),
  reason: row.reason,
  createdAtMs: row.created_at.getTime(),
})

/** Orders and their outbox in PostgreSQL (schema rh_orders). */
export class OrderRepository {
  constructor(
    private readonly pool: Pool,
    private readonly topics: RobinhoodTopics,
  ) {}

  async byKey(accountId: string, key: string): Promise<{ order: Order; requestHash: string } | undefined> {
    const { rows } = await this.pool.query<OrderRow>(
      'SELECT * FROM orders WHERE account_id = $1 AND idempotency_key = $2',
      [accountId, key],
    )
    return rows[0] && { order: toOrder(rows[0]), requestHash: rows[0].request_hash }
  }

  /** Inserts the order in state NEW; false if the key was taken meanwhile (a racing retry). */
  async insertNew(order: Order, key: string, requestHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO orders (order_id, account_id, idempotency_key, request_hash, symbol, side, type, quantity, limit_cents, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ${OrderState.UNSPECIFIED}, to_timestamp($10::bigint / 1000.0))
       ON CONFLICT (account_id, idempotency_key) DO NOTHING`,
      [
        order.orderId,
        order.accountId,
        key,
        requestHash,
        order.symbol,
        order.side,
        order.type,
        order.quantity,
        order.limitCents,
        order.createdAtMs,
      ],
    )
    return rowCount === 1
  }

  /**
   * NEW → ACCEPTED and OrderPlaced into the outbox, in one statement (so one round trip, and
   * atomic without BEGIN/COMMIT): the outbox row is inserted only if the UPDATE matched.
   */
  async accept(order: Order): Promise<Order> {
    const accepted: Order = { ...order, state: OrderState.ACCEPTED }
    const { rowCount } = await this.pool.query(
      `WITH accepted AS (
         UPDATE orders SET state = ${OrderState.ACCEPTED} WHERE order_id = $1 AND state = ${OrderState.UNSPECIFIED} RETURNING account_id
       )
       INSERT INTO outbox (topic, key, event_type, value, traceparent) SELECT $2, account_id, $3, $4, $5 FROM accepted`,
      [
        order.orderId,
        ...outboxValues({ topic: this.topics.orders, type: OrderPlacedEvent, message: { order: accepted } }),
      ],
    )
    if (rowCount !== 1) throw new AppError('CONFLICT', 'the order was swept while its hold was being placed; retry')
    return accepted
  }

  async deleteNew(orderId: string): Promise<void> {
    await this.pool.query(`DELETE FROM orders WHERE order_id = $1 AND state = ${OrderState.UNSPECIFIED}`, [orderId])
  }

  /** ACCEPTED → CANCEL_REQUESTED and CancelRequested into the outbox; the engine decides. */
  async requestCancel(accountId: string, orderId: string): Promise<Order> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<OrderRow>(
        `UPDATE orders SET state = ${OrderState.CANCEL_REQUESTED}
         WHERE order_id = $1 AND account_id = $2 AND state = ${OrderState.ACCEPTED} RETURNING *`,
        [orderId, accountId],
      )
      if (!rows[0]) {
        const { rows: found } = await client.query<OrderRow>(
          'SELECT * FROM orders WHERE order_id = $1 AND account_id = $2',
          [orderId, accountId],
        )
        if (!found[0] || found[0].state === OrderState.UNSPECIFIED) throw new AppError('NOT_FOUND', 'no such order')
        throw new AppError('FAILED_PRECONDITION', `the order is ${OrderState[found[0].state]?.toLowerCase()} already`)
      }
      await writeOutbox(client, {
        topic: this.topics.orders,
        key: accountId,
        type: CancelRequestedEvent,
        message: { orderId, accountId },
      })
      return toOrder(rows[0])
    })
  }

  async recent(accountId: string, limit: number): Promise<Order[]> {
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT * FROM orders WHERE account_id = $1 AND state <> ${OrderState.UNSPECIFIED} ORDER BY created_at DESC LIMIT $2`,
      [accountId, limit],
    )
    return rows.map(toOrder)
  }

  /** From robinhood.executions; a repeat finds the order finished and changes nothing. */
  async markFilled(orderId: string, priceCents: number): Promise<void> {
    await this.pool.query(
      `UPDATE orders SET state = ${OrderState.FILLED}, fill_price_cents = $2
       WHERE order_id = $1 AND state IN (${OrderState.ACCEPTED}, ${OrderState.CANCEL_REQUESTED})`,
      [orderId, priceCents],
    )
  }

  async markCancelled(orderId: string, reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE orders SET state = ${OrderState.CANCELLED}, reason = $2
       WHERE order_id = $1 AND state IN (${OrderState.ACCEPTED}, ${OrderState.CANCEL_REQUESTED})`,
      [orderId, reason],
    )
  }

  /** Orders left NEW by a crash or a timed-out hold, older than `olderThanMs`. */
  async stuckNew(olderThanMs: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ order_id: string }>(
      `SELECT order_id FROM orders WHERE state = ${OrderState.UNSPECIFIED} AND created_at < now() - $1 * interval '1 millisecond' LIMIT 100`,
      [olderThanMs],
    )
    return rows.map((row) => row.order_id)
  }
}
