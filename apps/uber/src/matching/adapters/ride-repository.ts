import { inTransaction } from '@wired/db'
import { RideEvent } from '@wired/proto/uber/v1/events'
import { AppError } from '@wired/runtime'
import { activeTraceparent } from '@wired/wire'
import type pg from 'pg'
import type { Ride } from '../domain/ride'
import { rideToEvent } from './ride-mapping'

/**
 * Rides in PostgreSQL. Every change writes the ride and its event (the outbox row) in one
 * transaction, so a ride never changes without its event and never emits an event it did not
 * commit. `ride_events` is then published to Kafka by the outbox relay.
 */
export interface RideRepository {
  /** ALREADY_EXISTS when the rider has a ride in progress (unique partial index). */
  insertRequested(ride: Ride): Promise<void>
  /**
   * Locks the ride (SELECT ... FOR UPDATE), applies `change`, stores the result and its event.
   * When `change` returns the same object nothing is written (a repeated action).
   */
  change(rideId: string, change: (ride: Ride) => Ride): Promise<{ ride: Ride; changed: boolean }>
  find(rideId: string): Promise<Ride | undefined>
  findActiveByRider(riderId: string): Promise<Ride | undefined>
  listByRider(riderId: string, limit: number, before?: { requestedAt: number; id: string }): Promise<Ride[]>
  /** Of these drivers, the ones on a ride right now. */
  busyDrivers(driverIds: string[]): Promise<Set<string>>
  /** Rides still waiting for a driver (re-dispatched after a restart). */
  waitingRideIds(): Promise<string[]>
}

const ACTIVE = `('requested', 'accepted', 'arrived', 'started')`
const COLUMNS = `id, rider_id, driver_id, status, pickup_lat, pickup_lon, dropoff_lat, dropoff_lon, fare_cents,
  surge_multiplier, cell_id, cancelled_by, cancel_reason, version, requested_at, updated_at`

export function createRideRepository(pool: pg.Pool): RideRepository {
  return {
    async insertRequested(ride) {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO rides (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          rowValues(ride),
        )
        await insertEvent(client, ride)
      }).catch((error: unknown) => {
        if (violates(error, 'rides_one_active_per_rider'))
          throw new AppError('ALREADY_EXISTS', 'rider already has a ride in progress', { riderId: ride.riderId })
        throw error
      })
    },

    async change(rideId, change) {
      return inTransaction(pool, async (client) => {
        const { rows } = await client.query(`SELECT ${COLUMNS} FROM rides WHERE id = $1 FOR UPDATE`, [rideId])
        if (!rows[0]) throw new AppError('NOT_FOUND', `no ride ${rideId}`)
        const current = fromRow(rows[0])
        const next = change(current)
        if (next === current) return { ride: current, changed: false }
        await client.query(
          `UPDATE rides SET driver_id = $2, status = $3, cancelled_by = $4, cancel_reason = $5, version = $6,
             updated_at = $7 WHERE id = $1`,
          [
            next.id,
            next.driverId,
            next.status,
            next.cancelledBy,
            next.cancelReason,
            next.version,
            new Date(next.updatedAt),
          ],
        )
        await insertEvent(client, next)
        return { ride: next, changed: true }
      }).catch((error: unknown) => {
        if (violates(error, 'rides_one_active_per_driver'))
          throw new AppError('CONFLICT', 'driver is already on another ride')
        throw error
      })
    },

    async find(rideId) {
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM rides WHERE id = $1`, [rideId])
      return rows[0] ? fromRow(rows[0]) : undefined
    },

    async findActiveByRider(riderId) {
      const { rows } = await pool.query(`SELECT ${COLUMNS} FROM rides WHERE rider_id = $1 AND status IN ${ACTIVE}`, [
        riderId,
      ])
      return rows[0] ? fromRow(rows[0]) : undefined
    },

    async listByRider(riderId, limit, before) {
      const { rows } = before
        ? await pool.query(
            `SELECT ${COLUMNS} FROM rides WHERE rider_id = $1 AND (requested_at, id) < ($2, $3)
             ORDER BY requested_at DESC, id DESC LIMIT $4`,
            [riderId, new Date(before.requestedAt), before.id, limit],
          )
        : await pool.query(
            `SELECT ${COLUMNS} FROM rides WHERE rider_id = $1 ORDER BY requested_at DESC, id DESC LIMIT $2`,
            [riderId, limit],
          )
      return rows.map(fromRow)
    },

    async busyDrivers(driverIds) {
      if (driverIds.length === 0) return new Set()
      const { rows } = await pool.query<{ driver_id: string }>(
        `SELECT driver_id FROM rides WHERE driver_id = ANY($1) AND status IN ${ACTIVE}`,
        [driverIds],
      )
      return new Set(rows.map((row) => row.driver_id))
    },

    async waitingRideIds() {
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM rides WHERE status = 'requested'`)
      return rows.map((row) => row.id)
    },
  }
}

async function insertEvent(client: pg.PoolClient, ride: Ride) {
  // The row keeps the request's trace (the wire view): the relay publishes it in that trace.
  await client.query('INSERT INTO ride_events (ride_id, seq, event, traceparent) VALUES ($1, $2, $3, $4)', [
    ride.id,
    ride.version,
    Buffer.from(RideEvent.encode(rideToEvent(ride)).finish()),
    activeTraceparent() ?? null,
  ])
}

function violates(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string }
  return pgError.code === '23505' && pgError.constraint === constraint
}

function rowValues(ride: Ride): unknown[] {
  return [
    ride.id,
    ride.riderId,
    ride.driverId,
    ride.status,
    ride.pickup.lat,
    ride.pickup.lon,
    ride.dropoff.lat,
    ride.dropoff.lon,
    ride.fareCents,
    ride.surgeMultiplier,
    ride.cellId,
    ride.cancelledBy,
    ride.cancelReason,
    ride.version,
    new Date(ride.requestedAt),
    new Date(ride.updatedAt),
  ]
}

// biome-ignore lint/suspicious/noExplicitAny: a pg row is untyped until mapped here
function fromRow(row: any): Ride {
  return {
    id: row.id,
    riderId: row.rider_id,
    driverId: row.driver_id,
    status: row.status,
    pickup: { lat: row.pickup_lat, lon: row.pickup_lon },
    dropoff: { lat: row.dropoff_lat, lon: row.dropoff_lon },
    fareCents: row.fare_cents,
    surgeMultiplier: row.surge_multiplier,
    cellId: row.cell_id,
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    version: row.version,
    requestedAt: row.requested_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  }
}
