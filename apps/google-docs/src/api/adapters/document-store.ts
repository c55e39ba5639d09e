import { randomUUID } from 'node:crypto'
import type { Pool } from '@wired/db'
import type { RedisClient } from '@wired/redis'
import type { RedisKeys } from '../../shared/redis-keys'
import type { Role } from '../../shared/roles'

export interface DocumentSummary {
  id: string
  title: string
  ownerId: string
  role: Role
  createdAt: string
}

export interface Member {
  userId: string
  handle: string
  role: Role
}

/**
 * Documents and members in PostgreSQL (the truth), mirrored to Redis `access:<doc>` (HSET / DEL)
 * so the collaboration replicas can check a role per op without calling the api. PostgreSQL is
 * written first: a crash in between leaves Redis behind, never ahead of, what was granted.
 */
export class DocumentStore {
  constructor(
    private readonly pool: Pool,
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async create(ownerId: string, title: string): Promise<DocumentSummary> {
    const id = randomUUID().replaceAll('-', '').slice(0, 20)
    const client = await this.pool.connect()
    let createdAt: string
    try {
      await client.query('BEGIN')
      const { rows } = await client.query<{ created_at: Date }>(
        'INSERT INTO documents (id, title, owner_id) VALUES ($1, $2, $3) RETURNING created_at',
        [id, title, ownerId],
      )
      await client.query("INSERT INTO members (document_id, user_id, role) VALUES ($1, $2, 'owner')", [id, ownerId])
      await client.query('COMMIT')
      createdAt = rows[0]!.created_at.toISOString()
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    } finally {
      client.release()
    }
    await this.redis.hset(this.keys.access(id), ownerId, 'owner')
    return { id, title, ownerId, role: 'owner', createdAt }
  }

  /** The document as `userId` may see it, or undefined (deleted, or not shared with them). */
  async find(docId: string, userId: string): Promise<DocumentSummary | undefined> {
    const { rows } = await this.pool.query<{
      id: string
      title: string
      owner_id: string
      role: Role
      created_at: Date
    }>(
      `SELECT d.id, d.title, d.owner_id, m.role, d.created_at FROM documents d
         JOIN members m ON m.document_id = d.id AND m.user_id = $2
        WHERE d.id = $1 AND d.deleted_at IS NULL`,
      [docId, userId],
    )
    const row = rows[0]
    return (
      row && {
        id: row.id,
        title: row.title,
        ownerId: row.owner_id,
        role: row.role,
        createdAt: row.created_at.toISOString(),
      }
    )
  }

  async listFor(userId: string): Promise<DocumentSummary[]> {
    const { rows } = await this.pool.query<{
      id: string
      title: string
      owner_id: string
      role: Role
      created_at: Date
    }>(
      `SELECT d.id, d.title, d.owner_id, m.role, d.created_at FROM documents d
         JOIN members m ON m.document_id = d.id AND m.user_id = $1
        WHERE d.deleted_at IS NULL ORDER BY d.created_at DESC LIMIT 100`,
      [userId],
    )
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      ownerId: row.owner_id,
      role: row.role,
      createdAt: row.created_at.toISOString(),
    }))
  }

  async members(docId: string): Promise<Member[]> {
    const { rows } = await this.pool.query<{ user_id: string; handle: string; role: Role }>(
      'SELECT m.user_id, u.handle, m.role FROM members m JOIN users u ON u.id = m.user_id WHERE m.document_id = $1 ORDER BY u.handle',
      [docId],
    )
    return rows.map((row) => ({ userId: row.user_id, handle: row.handle, role: row.role }))
  }

  async share(docId: string, userId: string, role: Exclude<Role, 'owner'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO members (document_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (document_id, user_id) DO UPDATE SET role = EXCLUDED.role WHERE members.role <> 'owner'`,
      [docId, userId, role],
    )
    await this.redis.hset(this.keys.access(docId), userId, role)
  }

  async delete(docId: string): Promise<void> {
    await this.pool.query('UPDATE documents SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL', [docId])
    await this.redis.del(this.keys.access(docId))
  }
}
