import type { Pool } from '@wired/db'
import type { NotifyRequest, Push } from '@wired/proto/whatsapp/v1/notification'

interface PushRow {
  user_id: string
  message_id: string
  conversation_id: string
  seq: string
  sender_id: string
  preview: string
  created_at: Date
}

/** Recorded pushes (schema wa_notifications): the stand-in for a call to APNs or FCM. */
export class PushStore {
  constructor(private readonly pool: Pool) {}

  /** False when this (user, message) push was recorded before: a redelivered Kafka record. */
  async record(push: NotifyRequest): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO pushes (user_id, message_id, conversation_id, seq, sender_id, preview)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, message_id) DO NOTHING`,
      [push.userId, push.messageId, push.conversationId, push.seq, push.senderId, push.preview],
    )
    return rowCount === 1
  }

  async recent(userId: string, limit: number): Promise<Push[]> {
    const { rows } = await this.pool.query<PushRow>(
      `SELECT user_id, message_id, conversation_id, seq, sender_id, preview, created_at
       FROM pushes WHERE user_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
      [userId, limit],
    )
    return rows.map((row) => ({
      userId: row.user_id,
      conversationId: row.conversation_id,
      messageId: row.message_id,
      seq: Number(row.seq),
      senderId: row.sender_id,
      preview: row.preview,
      createdAtMs: row.created_at.getTime(),
    }))
  }
}
