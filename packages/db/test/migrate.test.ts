import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveInfra } from '@wired/testkit'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDatabase, createPool, dropDatabase, migrate, type Pool } from '../src'

// Runs against real PostgreSQL (DATABASE_URL, else infra/native), one fresh database per test.
let adminUrl: string
let database: string
let databaseUrl: string
let pool: Pool
let dir: string
const extraPools: Pool[] = []

beforeAll(async () => {
  adminUrl = (await resolveInfra(['postgres'])).databaseUrl
}, 120_000)
beforeEach(async () => {
  database = `wired_migrate_${randomBytes(4).toString('hex')}`
  databaseUrl = await createDatabase(adminUrl, database)
  pool = createPool(databaseUrl, { max: 2 })
  dir = mkdtempSync(join(tmpdir(), 'wired-migrations-'))
})
afterEach(async () => {
  await Promise.all([pool, ...extraPools.splice(0)].map((each) => each.end()))
  await dropDatabase(adminUrl, database)
  rmSync(dir, { recursive: true, force: true })
})

const write = (files: Record<string, string>) => {
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql)
}
const rows = async (sql: string) => (await pool.query(sql)).rows
const tables = async () =>
  (await rows("select tablename from pg_tables where schemaname = 'public' order by 1")).map((row) => row.tablename)

describe('migrate', () => {
  it('applies files once each, in numeric order, and records them', async () => {
    write({
      '999_create_riders.sql': 'create table riders (id text primary key);',
      '1000_add_rating.sql': 'alter table riders add column rating int not null default 5;',
      'README.md': 'not a migration',
    })
    expect(await migrate(pool, dir)).toEqual(['999_create_riders.sql', '1000_add_rating.sql'])
    const recorded = await rows('select name, length(checksum) as hex, applied_at from schema_migrations order by 1')
    expect(recorded.map((row) => [row.name, row.hex])).toEqual([
      ['1000_add_rating.sql', 64],
      ['999_create_riders.sql', 64],
    ])
    expect(recorded[0].applied_at).toBeInstanceOf(Date)

    expect(await migrate(pool, dir)).toEqual([]) // re-running is a no-op
    write({ '1001_add_city.sql': 'alter table riders add column city text;' })
    expect(await migrate(pool, dir)).toEqual(['1001_add_city.sql'])
  })

  it('refuses to run when an applied file was edited, and applies nothing new', async () => {
    write({ '001_create_trips.sql': 'create table trips (id text primary key);' })
    await migrate(pool, dir)
    write({
      '001_create_trips.sql': 'create table trips (id text primary key, fare int);',
      '002_create_payments.sql': 'create table payments (id text primary key);',
    })
    await expect(migrate(pool, dir)).rejects.toThrow(/001_create_trips\.sql changed after it was applied/)
    expect(await tables()).toEqual(['schema_migrations', 'trips'])
  })

  it('rolls a failing file back completely and stops there', async () => {
    write({
      '001_create_chats.sql': 'create table chats (id text primary key);',
      '002_broken.sql': 'create table messages (id text primary key);\ninsert into nowhere values (1);',
      '003_never.sql': 'create table never (id text);',
    })
    await expect(migrate(pool, dir)).rejects.toThrow(/002_broken\.sql failed and was rolled back: .*"nowhere"/)
    expect(await tables()).toEqual(['chats', 'schema_migrations'])
    expect(await rows('select name from schema_migrations')).toEqual([{ name: '001_create_chats.sql' }])
  })

  it('lets two processes migrate at once: each file still runs exactly once', async () => {
    write({
      '001_create_ledger.sql': 'create table ledger (entry text); select pg_sleep(0.3);',
      '002_seed_ledger.sql': "insert into ledger values ('opening balance');",
    })
    const other = createPool(databaseUrl, { max: 2 }) // a second replica's pool: separate sessions
    extraPools.push(other)
    const results = await Promise.all([migrate(pool, dir), migrate(other, dir)])
    expect(results.flat().sort()).toEqual(['001_create_ledger.sql', '002_seed_ledger.sql'])
    expect(results.some((applied) => applied.length === 0)).toBe(true)
    expect(await rows('select entry from ledger')).toEqual([{ entry: 'opening balance' }])
  })

  it('rejects badly named files before touching the database', async () => {
    write({ 'create_users.sql': 'create table users (id text);' })
    await expect(migrate(pool, dir)).rejects.toThrow(/create_users\.sql .* must be named NNN_snake_case\.sql/)
    rmSync(join(dir, 'create_users.sql'))
    write({ '001_a.sql': 'select 1;', '001_b.sql': 'select 1;' })
    await expect(migrate(pool, dir)).rejects.toThrow(/001_a\.sql and 001_b\.sql share the number 001/)
    expect(await tables()).toEqual([])
  })
})
