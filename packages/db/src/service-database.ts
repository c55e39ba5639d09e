import type { Logger } from '@wired/runtime'
import { migrate } from './migrate'
import { createPool, type Pool } from './pool'

/**
 * One PostgreSQL server, one schema per service (`wa_users`, `wa_messages`, ...): each service
 * owns its tables and its migration history, and reaches another service's data only through
 * that service's API. The schema is the connection's search_path, so the SQL in adapters names
 * plain tables. Moving a service onto a server of its own later changes only its URL.
 */
export async function openServiceDatabase(options: {
  url: string
  schema: string
  /** The service's `migrations/` folder: numbered .sql files, applied once each, in order. */
  migrations: string
  logger: Logger
  maxConnections?: number
}): Promise<Pool> {
  const { schema, logger } = options
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name '${schema}'`)
  const url = new URL(options.url)
  url.searchParams.set('options', `-c search_path=${schema}`)
  const pool = createPool(url.toString(), { max: options.maxConnections ?? 10, logger })
  try {
    await createSchema(pool, schema)
    await migrate(pool, options.migrations, { logger })
  } catch (error) {
    await pool.end()
    throw error
  }
  return pool
}

async function createSchema(pool: Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
  } catch (error) {
    // Two replicas racing on IF NOT EXISTS: one wins, the other sees a unique violation.
    if ((error as { code?: string }).code !== '23505') throw error
  }
}
