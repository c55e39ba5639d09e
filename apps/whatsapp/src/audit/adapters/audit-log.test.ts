import type { IncomingRecord } from '@wired/events'
import { describe, expect, it } from 'vitest'
import { useServiceSchema } from '../../../test/support/service-schema'
import { type AuditEntry, AuditLog } from './audit-log'

// Real PostgreSQL: the grouping of concurrent batches and the idempotent append are under test.
const db = useServiceSchema('audit', new URL('../migrations', import.meta.url))

const entry = (partition: number, offset: number | string): AuditEntry => {
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

const stored = async () =>
  Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n)

describe('AuditLog', () => {
  it('appends concurrent batches (several partitions) in few statements, and a redelivery adds nothing', async () => {
    const log = new AuditLog(db.pool)
    const batches = Array.from({ length: 12 }, (_, partition) => [0, 1, 2].map((offset) => entry(partition, offset)))
    db.resetStatements()
    await Promise.all(batches.map((batch) => log.append(batch)))
    // The first batch goes alone; the eleven that arrive while it runs share the next statement.
    expect(db.statements()).toBeLessThanOrEqual(2)
    expect(await stored()).toBe(36)

    await Promise.all([log.append(batches[0]!), log.append([entry(0, 3)])])
    expect(await stored()).toBe(37)
    await expect(log.append([])).resolves.toBeUndefined()
  })

  it('keeps 64-bit offsets and the payload exactly as given', async () => {
    const log = new AuditLog(db.pool)
    const beyondDoubles = '9007199254740993' // 2^53 + 1: a JS number would round it
    await log.append([{ ...entry(99, beyondDoubles), payload: { text: 'quote " backslash \\ é' } }])
    const { rows } = await db.pool.query<{ kafka_offset: string; payload: unknown }>(
      'SELECT kafka_offset::text, payload FROM audit_log WHERE kafka_partition = 99',
    )
    expect(rows).toEqual([{ kafka_offset: beyondDoubles, payload: { text: 'quote " backslash \\ é' } }])
  })
})
