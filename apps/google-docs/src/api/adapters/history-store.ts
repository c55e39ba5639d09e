import type { Pool, PoolClient } from '@wired/db'
import type { AppliedOp } from '../../shared/editor-state'
import type { TextOp } from '../../shared/text-op'
import { rebuildVersion } from '../domain/rebuild-version'

export type LoggedOp = AppliedOp & { docId: string; fence: number; appliedAt: number }

/**
 * The op log in PostgreSQL, as consumed from Kafka, and the snapshots. Each record is one
 * transaction, so a redelivered record (at-least-once) finds its row and changes nothing.
 * Fencing: a record from a newer authority replaces what an older one wrote at that revision and
 * after it (never acknowledged: the older one lost its lease before it could ack); a record from
 * an older authority than one already seen is dropped.
 */
export class HistoryStore {
  constructor(
    private readonly pool: Pool,
    private readonly snapshotEvery: number,
  ) {}

  async record(op: LoggedOp): Promise<'recorded' | 'stale'> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query<{ fence: string }>(
        'SELECT fence FROM fences WHERE document_id = $1 FOR UPDATE',
        [op.docId],
      )
      const known = rows[0] ? Number(rows[0].fence) : undefined
      if (known !== undefined && op.fence < known) {
        await client.query('ROLLBACK')
        return 'stale'
      }
      if (known === undefined)
        await client.query('INSERT INTO fences (document_id, fence) VALUES ($1, $2)', [op.docId, op.fence])
      else if (op.fence > known) {
        await client.query('UPDATE fences SET fence = $2 WHERE document_id = $1', [op.docId, op.fence])
        await client.query('DELETE FROM ops WHERE document_id = $1 AND revision >= $2 AND fence < $3', [
          op.docId,
          op.revision,
          op.fence,
        ])
        await client.query('DELETE FROM snapshots WHERE document_id = $1 AND revision >= $2 AND fence < $3', [
          op.docId,
          op.revision,
          op.fence,
        ])
      }
      await client.query(
        `INSERT INTO ops (document_id, revision, op_id, author_id, op, fence, applied_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (document_id, revision) DO NOTHING`,
        [op.docId, op.revision, op.opId, op.authorId, JSON.stringify(op.op), op.fence, new Date(op.appliedAt)],
      )
      if (op.revision % this.snapshotEvery === 0) {
        const text = await this.rebuild(client, op.docId, op.revision)
        await client.query(
          'INSERT INTO snapshots (document_id, revision, text, fence) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [op.docId, op.revision, text, op.fence],
        )
      }
      await client.query('COMMIT')
      return 'recorded'
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }

  /** The text at `revision`: newest snapshot at or below it + the ops after it. */
  async textAt(
    docId: string,
    revision: number,
  ): Promise<{ text: string; snapshotRevision: number; opsApplied: number }> {
    const client = await this.pool.connect()
    try {
      const snapshot = await this.snapshotAtOrBelow(client, docId, revision)
      const ops = await this.opsBetween(client, docId, snapshot.revision, revision)
      return {
        text: rebuildVersion(revision, snapshot, ops),
        snapshotRevision: snapshot.revision,
        opsApplied: ops.length,
      }
    } finally {
      client.release()
    }
  }

  async versions(
    docId: string,
  ): Promise<{ headRevision: number; snapshots: Array<{ revision: number; createdAt: string }> }> {
    const [head, snapshots] = await Promise.all([
      this.pool.query<{ max: string | null }>('SELECT max(revision) AS max FROM ops WHERE document_id = $1', [docId]),
      this.pool.query<{ revision: string; created_at: Date }>(
        'SELECT revision, created_at FROM snapshots WHERE document_id = $1 ORDER BY revision DESC LIMIT 200',
        [docId],
      ),
    ])
    return {
      headRevision: Number(head.rows[0]?.max ?? 0),
      snapshots: snapshots.rows.map((row) => ({
        revision: Number(row.revision),
        createdAt: row.created_at.toISOString(),
      })),
    }
  }

  private async rebuild(client: PoolClient, docId: string, revision: number): Promise<string> {
    const snapshot = await this.snapshotAtOrBelow(client, docId, revision)
    return rebuildVersion(revision, snapshot, await this.opsBetween(client, docId, snapshot.revision, revision))
  }

  private async snapshotAtOrBelow(client: PoolClient, docId: string, revision: number) {
    const { rows } = await client.query<{ revision: string; text: string }>(
      'SELECT revision, text FROM snapshots WHERE document_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT 1',
      [docId, revision],
    )
    return rows[0] ? { revision: Number(rows[0].revision), text: rows[0].text } : { revision: 0, text: '' }
  }

  private async opsBetween(client: PoolClient, docId: string, after: number, upTo: number) {
    const { rows } = await client.query<{ revision: string; op: TextOp }>(
      'SELECT revision, op FROM ops WHERE document_id = $1 AND revision > $2 AND revision <= $3 ORDER BY revision',
      [docId, after, upTo],
    )
    return rows.map((row) => ({ revision: Number(row.revision), op: row.op }))
  }
}
