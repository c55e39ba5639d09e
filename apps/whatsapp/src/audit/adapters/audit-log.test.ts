import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Pool } from '@wired/db'
import type { IncomingRecord } from '@wired/events'
import { silentLogger } from '@wired/runtime'
import { resolveInfra } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openServiceDatabase } from '../../shared/database'
import { type AuditEntry, AuditLog } from './audit-log'

// Real PostgreSQL: the grouping of concurrent batches and the idempotent append are under test.
const migrations = fileURLToPath(new URL('../migrations', import.meta.url))
const schema = `wa_audit_${randomBytes(4).toString('hex')}`
let pool: Pool
let statements = 0

beforeAll(async () => {
  const { databaseUrl } = await resolveInfra(['postgres'])
  pool = await openServiceDatabase(databaseUrl, schema, migrations, { logger: silentLogger })
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown
  pool.query = ((...args: unknown[]) => {
    statements++
    return query(...args)
  }) as Pool['query']
}, 60_000)

afterAll(async () => {
  await pool?.query(`DROP SCHEMA ${schema} CASCADE`)
  await pool?.end()
})

const entry = (partition: number, offset: number): AuditEntry => {
  const record: IncomingRecord = {
    topic: 'whatsapp.messages',
    partition,
    offset: String(offset),
    key: `conversation-${partition}`,
    value: new Uint8Array(),
    headers: {},
    timestamp: 0,
  }
  return { record, eventType: 'wired.whatsapp.v1.MessageAccepted', payload: { partition, offset } }
}

const stored = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n)

describe('AuditLog', () => {
  it('appends concurrent batches (several partitions) in few statements, and a redelivery adds nothing', async () => {
    const log = new AuditLog(pool)
    const batches = Array.from({ length: 12 }, (_, partition) => [0, 1, 2].map((offset) => entry(partition, offset)))
    statements = 0
    await Promise.all(batches.map((batch) => log.append(batch)))
    // The first batch goes alone; the eleven that arrive while it runs share the next statement.
    expect(statements).toBeLessThanOrEqual(2)
    expect(await stored()).toBe(36)

    await Promise.all([log.append(batches[0]!), log.append([entry(0, 3)])])
    expect(await stored()).toBe(37)
    await expect(log.append([])).resolves.toBeUndefined()
  })
})
