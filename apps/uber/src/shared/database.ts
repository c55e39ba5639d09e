import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createPool, migrate } from '@wired/db'
import type { Shutdown } from '@wired/kit'
import type { Logger } from '@wired/runtime'
import type pg from 'pg'

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations')

/**
 * Every service that owns tables migrates at boot; an advisory lock inside migrate() lets
 * replicas start together, and the later ones find nothing left to do.
 */
export function migrateUberSchema(pool: pg.Pool, logger?: Logger): Promise<string[]> {
  return migrate(pool, MIGRATIONS_DIR, logger ? { logger } : {})
}

/** The scenario's database for a service: a pool, migrated, closed at stop(). */
export async function openUberDatabase(url: string, logger: Logger, shutdown: Shutdown): Promise<pg.Pool> {
  const pool = createPool(url, { logger })
  shutdown.defer(() => pool.end())
  await migrateUberSchema(pool, logger)
  return pool
}
