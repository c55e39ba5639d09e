import { randomBytes } from 'node:crypto'
import { AppError } from '@wired/runtime'
import type pg from 'pg'

export interface Rider {
  id: string
  email: string
  name: string
}

export interface Driver {
  id: string
  name: string
  vehicle: string
}

/** riders and drivers tables (owned by the api). */
export function createAccounts(pool: pg.Pool) {
  return {
    async addRider(email: string, name: string, passwordHash: string): Promise<Rider> {
      const id = `rdr_${randomBytes(9).toString('base64url')}`
      const { rows } = await pool
        .query<Rider>(
          'INSERT INTO riders (id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id, email, name',
          [id, email, name, passwordHash],
        )
        .catch(uniqueAs(`a rider with email ${email} already exists`))
      return rows[0]!
    },
    async addDriver(id: string, name: string, vehicle: string, passwordHash: string): Promise<Driver> {
      const { rows } = await pool
        .query<Driver>(
          'INSERT INTO drivers (id, name, vehicle, password_hash) VALUES ($1, $2, $3, $4) RETURNING id, name, vehicle',
          [id, name, vehicle, passwordHash],
        )
        .catch(uniqueAs(`driver ${id} already exists`))
      return rows[0]!
    },
    async riderCredentials(email: string) {
      const { rows } = await pool.query<{ id: string; password_hash: string }>(
        'SELECT id, password_hash FROM riders WHERE email = $1',
        [email],
      )
      return rows[0]
    },
    async driverCredentials(id: string) {
      const { rows } = await pool.query<{ id: string; password_hash: string }>(
        'SELECT id, password_hash FROM drivers WHERE id = $1',
        [id],
      )
      return rows[0]
    },
    async rider(id: string): Promise<Rider | undefined> {
      const { rows } = await pool.query<Rider>('SELECT id, email, name FROM riders WHERE id = $1', [id])
      return rows[0]
    },
    async driver(id: string): Promise<Driver | undefined> {
      const { rows } = await pool.query<Driver>('SELECT id, name, vehicle FROM drivers WHERE id = $1', [id])
      return rows[0]
    },
    async renameRider(id: string, name: string): Promise<void> {
      await pool.query('UPDATE riders SET name = $2 WHERE id = $1', [id, name])
    },
    async renameDriver(id: string, name: string): Promise<void> {
      await pool.query('UPDATE drivers SET name = $2 WHERE id = $1', [id, name])
    },
    /** Read from the driver-behaviour consumer's tables (a reporting read, never a write). */
    async driverBehaviour(id: string) {
      const { rows } = await pool.query<{ speeding: number; implausible: number; cancellations: number }>(
        `SELECT
           (SELECT count(*)::int FROM driver_flags WHERE driver_id = $1 AND verdict = 'speeding') AS speeding,
           (SELECT count(*)::int FROM driver_flags WHERE driver_id = $1 AND verdict = 'implausible') AS implausible,
           (SELECT count(*)::int FROM driver_cancellations WHERE driver_id = $1) AS cancellations`,
        [id],
      )
      return rows[0]!
    },
  }
}

export type Accounts = ReturnType<typeof createAccounts>

function uniqueAs(message: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23505') throw new AppError('ALREADY_EXISTS', message)
    throw error
  }
}
