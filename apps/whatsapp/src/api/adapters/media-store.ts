import { randomUUID } from 'node:crypto'
import type { Pool } from '@wired/db'
import { AppError } from '@wired/runtime'

/** Uploaded images (schema wa_api). */
export class MediaStore {
  constructor(private readonly pool: Pool) {}

  async save(ownerId: string, contentType: string, bytes: Buffer): Promise<string> {
    const mediaId = randomUUID()
    await this.pool.query(
      'INSERT INTO media (media_id, owner_id, content_type, size_bytes, bytes) VALUES ($1, $2, $3, $4, $5)',
      [mediaId, ownerId, contentType, bytes.byteLength, bytes],
    )
    return mediaId
  }

  async load(mediaId: string): Promise<{ contentType: string; bytes: Buffer }> {
    const { rows } = await this.pool.query<{ content_type: string; bytes: Buffer }>(
      'SELECT content_type, bytes FROM media WHERE media_id = $1',
      [mediaId],
    )
    if (!rows[0]) throw new AppError('NOT_FOUND', 'no such media')
    return { contentType: rows[0].content_type, bytes: rows[0].bytes }
  }
}
