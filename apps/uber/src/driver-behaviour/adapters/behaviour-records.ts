import type pg from 'pg'
import type { Verdict } from '../domain/movement'

/** driver_flags and driver_cancellations: primary keys turn redelivered records into no-ops. */
export function createBehaviourRecords(pool: pg.Pool) {
  return {
    async flag(driverId: string, recordedAt: number, verdict: Exclude<Verdict, 'normal'>, speedMps: number) {
      await pool.query(
        `INSERT INTO driver_flags (driver_id, recorded_at, verdict, speed_mps) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [driverId, recordedAt, verdict, speedMps],
      )
    },
    async cancellation(rideId: string, driverId: string, at: number) {
      await pool.query(
        `INSERT INTO driver_cancellations (ride_id, driver_id, cancelled_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [rideId, driverId, new Date(at)],
      )
    },
  }
}

export type BehaviourRecords = ReturnType<typeof createBehaviourRecords>
