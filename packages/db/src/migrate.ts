import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Logger, silentLogger } from '@wired/runtime'
import type pg from 'pg'

export interface MigrateOptions {
  logger?: Logger
}

interface MigrationFile {
  name: string
  sql: string
  checksum: string
}

const FILE_NAME = /^(\d{3,})_[a-z0-9_]+\.sql$/
/** Any constant works; it only has to be the same in every process migrating this database. */
const MIGRATION_LOCK_KEY = 727_001

/**
 * Applies `NNN_name.sql` files from `dir` in order, each once, each in its own transaction, and
 * records them in `schema_migrations(name, checksum, applied_at)`. Returns the names applied now.
 *
 * - A file already applied whose content changed fails loudly: the database no longer matches
 *   the code that describes it. Write a new migration instead of editing an old one.
 * - A failing file rolls back completely (schema and record), and later files are not tried.
 * - Several processes may start at once (two replicas of a service): a session advisory lock
 *   makes them take turns, and the later ones find nothing left to do.
 * PostgreSQL runs DDL inside transactions; statements that refuse to (CREATE INDEX
 * CONCURRENTLY, ALTER TYPE ... ADD VALUE before PG 12) cannot be used in a migration file.
 */
export async function migrate(pool: pg.Pool, dir: string, options: MigrateOptions = {}): Promise<string[]> {
  const { logger = silentLogger } = options
  const files = await readMigrations(dir)
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations',
    )
    const applied = new Map(rows.map((row) => [row.name, row.checksum]))
    checkAppliedFiles(applied, files, dir)

    const appliedNow: string[] = []
    for (const file of files.filter((candidate) => !applied.has(candidate.name))) {
      await applyOne(client, file)
      logger.info({ migration: file.name }, 'migration applied')
      appliedNow.push(file.name)
    }
    return appliedNow
  } finally {
    // Unlock explicitly: the connection goes back to the pool, so the session (and a session
    // lock) would otherwise outlive this call.
    const unlocked = await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).then(
      () => true,
      () => false,
    )
    client.release(!unlocked) // a connection that could not unlock is closed, which drops its locks
  }
}

async function applyOne(client: pg.PoolClient, file: MigrationFile) {
  try {
    await client.query('BEGIN')
    await client.query(file.sql) // no parameters: the simple protocol runs several statements
    await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw new Error(`migration ${file.name} failed and was rolled back: ${(error as Error).message}`, {
      cause: error,
    })
  }
}

function checkAppliedFiles(applied: Map<string, string>, files: MigrationFile[], dir: string) {
  const byName = new Map(files.map((file) => [file.name, file]))
  for (const [name, checksum] of applied) {
    const file = byName.get(name)
    if (!file) throw new Error(`migration ${name} was applied but is no longer in ${dir}`)
    if (file.checksum !== checksum)
      throw new Error(
        `migration ${name} changed after it was applied (checksum ${checksum.slice(0, 12)}… in the database, ` +
          `${file.checksum.slice(0, 12)}… on disk): add a new migration instead of editing this one`,
      )
  }
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort()
  const seen = new Map<string, string>()
  const files: MigrationFile[] = []
  for (const name of names) {
    const number = FILE_NAME.exec(name)?.[1]
    if (!number) throw new Error(`migration file ${name} in ${dir} must be named NNN_snake_case.sql`)
    const clash = seen.get(number)
    if (clash) throw new Error(`migrations ${clash} and ${name} share the number ${number}`)
    seen.set(number, name)
    const sql = await readFile(join(dir, name), 'utf8')
    files.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') })
  }
  // Numeric order: as text, 1000_x would sort before 999_y.
  return files.sort((a, b) => Number(FILE_NAME.exec(a.name)?.[1]) - Number(FILE_NAME.exec(b.name)?.[1]))
}
