import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isProcessAlive } from '@wired/runtime'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../src'

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

describe('startEmbeddedPostgres', () => {
  it('starts a real server on loopback, checks passwords, and stops without leaving a process', async () => {
    const signalListeners = () => ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => process.listenerCount(signal))
    const listenersBefore = signalListeners()
    const postgres = await startEmbeddedPostgres({ user: 'app', password: 'p@ss/word' })
    // The package's own exit hook (stop everything, then process.exit(130)) would race the
    // service's shutdown on Ctrl-C; it must not stay installed.
    expect(signalListeners()).toEqual(listenersBefore)
    // The postmaster writes its pid as the first line of postmaster.pid.
    const pid = Number(readFileSync(join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    expect(postgres.url).toBe(`postgres://app:p%40ss%2Fword@127.0.0.1:${postgres.port}/postgres`)

    expect(await query(postgres.url, "select 1 as one, current_setting('listen_addresses') as listen")).toEqual([
      { one: 1, listen: '127.0.0.1' },
    ])
    await expect(query(postgres.url.replace('p%40ss%2Fword', 'guess'), 'select 1')).rejects.toThrow(
      /password authentication failed/,
    )

    await postgres.stop()
    expect(isProcessAlive(pid)).toBe(false)
    expect(existsSync(postgres.dataDir)).toBe(false) // a scratch cluster is deleted with the server
    await expect(query(postgres.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/)
    await postgres.stop() // idempotent
  }, 60_000)

  it('keeps a given data dir, so a restart finds the data again (the embedded mode survives restarts)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'wired-pg-keep-'))
    chmodSync(parent, 0o755) // when root, the server runs as `postgres`, which must reach the cluster
    const dataDir = join(parent, 'cluster')
    try {
      const first = await startEmbeddedPostgres({ dataDir })
      await query(first.url, "create table notes (body text); insert into notes values ('kept')")
      await first.stop()
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true)

      const second = await startEmbeddedPostgres({ dataDir })
      try {
        expect(await query(second.url, 'select body from notes')).toEqual([{ body: 'kept' }])
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  }, 90_000)
})

it('ends the server and removes its scratch folder when the process exits without stopping it', async () => {
  const { execFile } = await import('node:child_process')
  const { existsSync } = await import('node:fs')
  const { promisify } = await import('node:util')
  const script = `
    import { startEmbeddedPostgres } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).pathname)}
    const pg = await startEmbeddedPostgres()
    console.log(JSON.stringify({ dataDir: pg.dataDir, port: pg.port }))
    process.exit(3)`
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script])
  const failure = (await run.catch((error) => error)) as { code: number; stdout: string }
  expect(failure.code).toBe(3)
  const { dataDir, port } = JSON.parse(failure.stdout.trim()) as { dataDir: string; port: number }
  expect(existsSync(dataDir)).toBe(false)
  const { createConnection } = await import('node:net')
  const refused = await new Promise((resolve) =>
    createConnection(port, '127.0.0.1')
      .once('connect', () => resolve(false))
      .once('error', () => resolve(true)),
  )
  expect(refused).toBe(true)
}, 60_000)
