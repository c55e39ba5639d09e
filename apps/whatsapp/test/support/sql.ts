import pg from 'pg'
import type { RunningSystem } from './system'

/** Reads the scenario's tables directly: the one way to prove that refused input stored nothing. */
export async function query<T extends Record<string, unknown>>(
  system: RunningSystem,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: system.databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

export async function count(system: RunningSystem, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await query<{ n: string }>(system, sql, params)
  return Number(row?.n ?? 0)
}
