import { inTransaction } from '@wired/db'
import { writeOutbox } from '@wired/db/outbox'
import { type Order, OrderState, type PricedLine } from '@wired/proto/amazon/v1/checkout'
import type pg from 'pg'
import { type AmazonTopics, OrderPlacedEvent } from '../../shared/topics'

interface OrderRow {
  order_id: string
  customer_id: string
  request_hash: string
  state: number
  lines: PricedLine[]
  total_cents: string
  payment_id: string
  created_at: Date
}

const toOrder = (row: OrderRow): Order => ({
  orderId: row.order_id,
  customerId: row.customer_id,
  lines: row.lines,
  totalCents: Number(row.total_cents),
  state: row.state === 1 ? OrderState.PLACED : OrderState.UNSPECIFIED,
  paymentId: row.payment_id,
  tracking: '',
  createdAtMs: row.created_at.getTime(),
})

const COLUMNS = 'order_id, customer_id, request_hash, state, lines, total_cents, payment_id, created_at'

/** Orders in PostgreSQL, and the OrderPlaced outbox row written with each placed order. */
export class OrderRepository {
  constructor(
    private readonly pool: pg.Pool,
    private readonly topics: AmazonTopics,
  ) {}

  async byKey(customerId: string, key: string) {
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT ${COLUMNS} FROM orders WHERE customer_id = $1 AND idempotency_key = $2`,
      [customerId, key],
    )
    return rows[0] ? { order: toOrder(rows[0]), requestHash: rows[0].request_hash } : undefined
  }

  /** Stores a pending order under its key; false when another request holds the key already. */
  async insertPending(order: Order, key: string, hash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO orders (order_id, customer_id, idempotency_key, request_hash, state, lines, total_cents, created_at)
       VALUES ($1, $2, $3, $4, 0, $5, $6, to_timestamp($7 / 1000.0))
       ON CONFLICT (customer_id, idempotency_key) DO NOTHING`,
      [order.orderId, order.customerId, key, hash, JSON.stringify(order.lines), order.totalCents, order.createdAtMs],
    )
    return rowCount === 1
  }

  /** A failed checkout leaves nothing: the key is free for a retry (with another card, say). */
  async deletePending(orderId: string): Promise<void> {
    await this.pool.query('DELETE FROM orders WHERE order_id = $1 AND state = 0', [orderId])
  }

  /** Pending → placed, and its OrderPlaced record, in one transaction (once: a second call writes nothing). */
  async place(order: Order, paymentId: string): Promise<Order> {
    const placed: Order = { ...order, state: OrderState.PLACED, paymentId }
    await inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        'UPDATE orders SET state = 1, payment_id = $2 WHERE order_id = $1 AND state = 0',
        [order.orderId, paymentId],
      )
      if (rowCount !== 1) return
      await writeOutbox(client, {
        topic: this.topics.orders,
        key: order.orderId,
        type: OrderPlacedEvent,
        message: { order: placed },
      })
    })
    return placed
  }

  async get(customerId: string, orderId: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT ${COLUMNS} FROM orders WHERE customer_id = $1 AND order_id = $2 AND state = 1`,
      [customerId, orderId],
    )
    return rows[0] && toOrder(rows[0])
  }

  async recent(customerId: string, limit: number): Promise<Order[]> {
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT ${COLUMNS} FROM orders WHERE customer_id = $1 AND state = 1 ORDER BY created_at DESC LIMIT $2`,
      [customerId, limit],
    )
    return rows.map(toOrder)
  }
}
