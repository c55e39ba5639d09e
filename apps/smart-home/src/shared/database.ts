import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openServiceDatabase } from '@wired/db'
import type { Shutdown } from '@wired/kit'
import { type Env, type Logger, readServiceDatabase } from '@wired/runtime'
import type pg from 'pg'

const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations')

export const readDatabase = (env: Env) => readServiceDatabase(env, 'smarthome', 4)

/** The scenario's schema (`smarthome`), migrated at boot by whichever service starts first; closed at stop(). */
export async function openSmartHomeDatabase(
  config: ReturnType<typeof readDatabase>,
  logger: Logger,
  shutdown: Shutdown,
): Promise<pg.Pool> {
  const pool = await openServiceDatabase({
    url: config.url,
    schema: config.schema,
    migrations: MIGRATIONS_DIR,
    logger,
    maxConnections: config.connections,
  })
  shutdown.defer(() => pool.end())
  return pool
}
