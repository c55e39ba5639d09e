import { AppError, type Logger, silentLogger } from '@wired/runtime'
import pg from 'pg'
import { tracedClientClass } from './traced-client'

export type { Pool, PoolClient } from 'pg'

export interface PoolOptions {
  /** Most connections the pool opens. Default 10: PostgreSQL's own default cap is 100 per server. */
  max?: number
  logger?: Logger
}

/**
 * A pg Pool for one database URL. The 'error' listener matters: an idle pooled connection
 * that the server drops (restart, failover) emits 'error' on the pool, and an EventEmitter
 * 'error' without a listener crashes the process. The next query just gets a fresh connection.
 */
export function createPool(databaseUrl: string, options: PoolOptions = {}): pg.Pool {
  const { max = 10, logger = silentLogger } = options
  // Its connections are traced clients: queries made inside a recorded trace are hops of it.
  const pool = new pg.Pool({ connectionString: databaseUrl, max, Client: tracedClientClass() })
  pool.on('error', (error) => logger.warn({ err: error }, 'postgres: idle connection failed'))
  return pool
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Creates a database on the server behind `adminUrl` and returns a URL for it: tests use one
 * database per test file so they never see each other's rows.
 */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await adminQuery(adminUrl, `CREATE DATABASE ${checkedName(name)}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops it again; FORCE ends sessions a test left open (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${checkedName(name)} WITH (FORCE)`)
}

// CREATE/DROP DATABASE take no bind parameters, so the name is validated, then quoted.
function checkedName(name: string): string {
  if (!DATABASE_NAME.test(name))
    throw new AppError('INVALID_ARGUMENT', `database name must match ${DATABASE_NAME}, got '${name}'`)
  return `"${name}"`
}

async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
