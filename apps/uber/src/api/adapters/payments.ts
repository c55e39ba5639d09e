import { randomUUID } from 'node:crypto'
import { AppError } from '@wired/runtime'
import type pg from 'pg'

export interface Payment {
  id: string
  rideId: string
  amountCents: number
  method: string
  createdAt: number
}

/**
 * payments (owned by the api). A fake card processor: the row is the charge. The UNIQUE
 * ride_id is the last line of defence against paying twice, behind the Idempotency-Key.
 */
export function createPayments(pool: pg.Pool) {
  return {
    async record(rideId: string, riderId: string, amountCents: number, method: string): Promise<Payment> {
      const { rows } = await pool
        .query(
          `INSERT INTO payments (id, ride_id, rider_id, amount_cents, method) VALUES ($1, $2, $3, $4, $5)
           RETURNING id, ride_id, amount_cents, method, created_at`,
          [randomUUID(), rideId, riderId, amountCents, method],
        )
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23505')
            throw new AppError('CONFLICT', `ride ${rideId} is already paid`)
          throw error
        })
      return toPayment(rows[0])
    },
    async forRides(rideIds: string[]): Promise<Map<string, Payment>> {
      if (rideIds.length === 0) return new Map()
      const { rows } = await pool.query(
        'SELECT id, ride_id, amount_cents, method, created_at FROM payments WHERE ride_id = ANY($1)',
        [rideIds],
      )
      return new Map(rows.map((row) => [row.ride_id as string, toPayment(row)]))
    },
  }
}

export type Payments = ReturnType<typeof createPayments>

// biome-ignore lint/suspicious/noExplicitAny: a pg row is untyped until mapped here
function toPayment(row: any): Payment {
  return {
    id: row.id,
    rideId: row.ride_id,
    amountCents: row.amount_cents,
    method: row.method,
    createdAt: row.created_at.getTime(),
  }
}
