import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { openServiceDatabase, type Pool } from '@wired/db'
import { silentLogger } from '@wired/runtime'
import { resolveInfra } from '@wired/testkit'
import { afterAll, beforeAll } from 'vitest'

export interface ServiceSchema {
  /** Valid once the suite's beforeAll ran. */
  readonly pool: Pool
  /** Statements sent through `pool` since the last reset: how a test proves that batching sends fewer. */
  statements(): number
  resetStatements(): void
}

/**
 * For an adapter's tests against real PostgreSQL (the embedded one without infra): a fresh schema
 * with the service's migrations before the suite, dropped after it, and a count of the
 * statements the adapter sends. Call it at the top of a test file.
 */
export function useServiceSchema(name: string, migrations: URL): ServiceSchema {
  const schema = `wa_${name}_${randomBytes(4).toString('hex')}`
  let pool: Pool | undefined
  let statements = 0

  beforeAll(async () => {
    const { databaseUrl } = await resolveInfra(['postgres'])
    const opened = await openServiceDatabase({
      url: databaseUrl,
      schema,
      migrations: fileURLToPath(migrations),
      logger: silentLogger,
    })
    const query = opened.query.bind(opened) as (...args: unknown[]) => unknown
    opened.query = ((...args: unknown[]) => {
      statements++
      return query(...args)
    }) as Pool['query']
    pool = opened
  }, 60_000)

  afterAll(async () => {
    await pool?.query(`DROP SCHEMA ${schema} CASCADE`)
    await pool?.end()
  })

  return {
    get pool() {
      if (!pool) throw new Error('the schema is ready only inside tests (after beforeAll)')
      return pool
    },
    statements: () => statements,
    resetStatements: () => {
      statements = 0
    },
  }
}
