import { inTransaction } from '@wired/db'
import type pg from 'pg'

/** Confirmed sales in PostgreSQL: what was sold, once per order. */
export class SalesRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Records an order's lines as sold; false if this order was recorded before (a retry). */
  async record(orderId: string, lines: Array<{ sku: string; quantity: number }>): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(
        'INSERT INTO confirmations (order_id, lines) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING',
        [orderId, JSON.stringify(lines)],
      )
      if (rowCount === 0) return false
      // One statement for every line: unnest pairs the arrays up.
      await client.query(
        `INSERT INTO sales (sku, sold) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT (sku) DO UPDATE SET sold = sales.sold + EXCLUDED.sold`,
        [lines.map((line) => line.sku), lines.map((line) => line.quantity)],
      )
      return true
    })
  }

  async isConfirmed(orderId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM confirmations WHERE order_id = $1', [orderId])
    return (rowCount ?? 0) > 0
  }

  async sold(skus: string[]): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ sku: string; sold: string }>(
      'SELECT sku, sold FROM sales WHERE sku = ANY($1)',
      [skus],
    )
    return new Map(rows.map((row) => [row.sku, Number(row.sold)]))
  }
}
