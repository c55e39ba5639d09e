import { randomUUID } from 'node:crypto'
import type { Pool } from '@wired/db'
import type { ChatMessage, Receipt } from '@wired/proto/whatsapp/v1/message'
import type { Watermarks } from '../domain/receipts'
import type { SendCommand } from '../domain/send-rules'

export interface MessageRow {
  message_id: string
  conversation_id: string
  seq: string
  sender_id: string
  client_message_id: string
  body: string
  media_url: string | null
  media_type: string | null
  sent_at: Date
}

interface ReceiptRow {
  conversation_id: string
  user_id: string
  delivered_seq: string
  read_seq: string
  updated_at: Date
}

export const MESSAGE_COLUMNS =
  'message_id, conversation_id, seq, sender_id, client_message_id, body, media_url, media_type, sent_at'
const MESSAGE_COLUMNS_OF_M =
  'm.message_id, m.conversation_id, m.seq, m.sender_id, m.client_message_id, m.body, m.media_url, m.media_type, m.sent_at'
const UNIQUE_VIOLATION = '23505'

/** Messages, sequence counters and receipt watermarks in PostgreSQL (schema wa_messages). */
export class MessageStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Stores a message under the conversation's next seq, in one statement (one round trip, one
   * implicit transaction): the upsert on conversation_sequences takes the row lock that orders
   * concurrent senders, and the insert uses the number it returns. A retry of a stored
   * (sender, clientMessageId) violates the unique key, which rolls the whole statement back,
   * counter included, so seqs stay gapless; the stored message is returned instead.
   */
  async insertOrFind(command: SendCommand): Promise<{ message: ChatMessage; duplicate: boolean }> {
    try {
      const { rows } = await this.pool.query<MessageRow>(
        `WITH next AS (
           INSERT INTO conversation_sequences AS s (conversation_id, last_seq) VALUES ($2, 1)
           ON CONFLICT (conversation_id) DO UPDATE SET last_seq = s.last_seq + 1
           RETURNING last_seq
         )
         INSERT INTO messages (message_id, conversation_id, seq, sender_id, client_message_id, body, media_url, media_type)
         SELECT $1, $2, next.last_seq, $3, $4, $5, $6, $7 FROM next
         RETURNING ${MESSAGE_COLUMNS}`,
        [
          randomUUID(),
          command.conversationId,
          command.senderId,
          command.clientMessageId,
          command.text,
          command.media?.url ?? null,
          command.media?.contentType ?? null,
        ],
      )
      return { message: toChatMessage(rows[0]!), duplicate: false }
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
      const { rows } = await this.pool.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE sender_id = $1 AND client_message_id = $2`,
        [command.senderId, command.clientMessageId],
      )
      if (!rows[0]) throw error // the violation was on (conversation_id, seq): a bug, not a retry
      return { message: toChatMessage(rows[0]), duplicate: true }
    }
  }

  /** Newest first, below `beforeSeq` (0 = from the newest): keyset pagination on the unique index. */
  async history(conversationId: string, beforeSeq: number, limit: number): Promise<ChatMessage[]> {
    const { rows } = await this.pool.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages
       WHERE conversation_id = $1 AND ($2::bigint = 0 OR seq < $2)
       ORDER BY seq DESC LIMIT $3`,
      [conversationId, beforeSeq, limit],
    )
    return rows.map(toChatMessage)
  }

  /** Messages after each position, oldest first per conversation; at most `limit`. */
  async since(positions: Map<string, number>, limit: number): Promise<ChatMessage[]> {
    if (positions.size === 0) return []
    const { rows } = await this.pool.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS_OF_M}
       FROM unnest($1::uuid[], $2::bigint[]) AS p(conversation_id, after_seq)
       JOIN messages m ON m.conversation_id = p.conversation_id AND m.seq > p.after_seq
       ORDER BY m.conversation_id, m.seq LIMIT $3`,
      [[...positions.keys()], [...positions.values()], limit],
    )
    return rows.map(toChatMessage)
  }

  /**
   * For each (conversation, member) pair: the conversation's last seq and the member's
   * watermarks, all pairs in one round trip. Keyed by receiptKey(conversationId, userId).
   */
  async receiptStates(
    pairs: readonly { conversationId: string; userId: string }[],
  ): Promise<Map<string, { lastSeq: number; current: Watermarks }>> {
    const { rows } = await this.pool.query<{
      conversation_id: string
      user_id: string
      last_seq: string | null
      delivered_seq: string | null
      read_seq: string | null
    }>(
      `SELECT c.conversation_id, c.user_id, s.last_seq, r.delivered_seq, r.read_seq
       FROM unnest($1::uuid[], $2::uuid[]) AS c (conversation_id, user_id)
       LEFT JOIN conversation_sequences s USING (conversation_id)
       LEFT JOIN receipts r ON r.conversation_id = c.conversation_id AND r.user_id = c.user_id`,
      [pairs.map((pair) => pair.conversationId), pairs.map((pair) => pair.userId)],
    )
    return new Map(
      rows.map((row) => [
        receiptKey(row.conversation_id, row.user_id),
        {
          lastSeq: Number(row.last_seq ?? 0),
          current: { deliveredSeq: Number(row.delivered_seq ?? 0), readSeq: Number(row.read_seq ?? 0) },
        },
      ]),
    )
  }

  /**
   * Saves moved watermarks, one row per pair (a pair may appear only once: ON CONFLICT DO
   * UPDATE touches a row at most once per statement). GREATEST keeps watermarks monotonic even
   * when two devices of one user, or two message service replicas, race.
   */
  async saveReceipts(
    moved: readonly { conversationId: string; userId: string; next: Watermarks }[],
  ): Promise<Receipt[]> {
    const { rows } = await this.pool.query<ReceiptRow>(
      `INSERT INTO receipts AS r (conversation_id, user_id, delivered_seq, read_seq)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[])
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET
         delivered_seq = GREATEST(r.delivered_seq, EXCLUDED.delivered_seq),
         read_seq = GREATEST(r.read_seq, EXCLUDED.read_seq),
         updated_at = now()
       RETURNING conversation_id, user_id, delivered_seq, read_seq, updated_at`,
      [
        moved.map((m) => m.conversationId),
        moved.map((m) => m.userId),
        moved.map((m) => m.next.deliveredSeq),
        moved.map((m) => m.next.readSeq),
      ],
    )
    return rows.map(toReceipt)
  }

  /** Everyone's watermarks in these conversations except the asking user's own. */
  async receiptsOf(conversationIds: readonly string[], exceptUserId: string): Promise<Receipt[]> {
    if (conversationIds.length === 0) return []
    const { rows } = await this.pool.query<ReceiptRow>(
      `SELECT conversation_id, user_id, delivered_seq, read_seq, updated_at FROM receipts
       WHERE conversation_id = ANY($1::uuid[]) AND user_id <> $2`,
      [conversationIds, exceptUserId],
    )
    return rows.map(toReceipt)
  }
}

/** How a (conversation, member) pair is keyed in maps. */
export const receiptKey = (conversationId: string, userId: string) => `${conversationId}/${userId}`

// bigint columns arrive as strings (pg keeps 64-bit values exact); seqs stay far below 2^53.
export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    messageId: row.message_id,
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    clientMessageId: row.client_message_id,
    text: row.body,
    media: row.media_url ? { url: row.media_url, contentType: row.media_type ?? '' } : undefined,
    sentAtMs: row.sent_at.getTime(),
  }
}

function toReceipt(row: ReceiptRow): Receipt {
  return {
    conversationId: row.conversation_id,
    userId: row.user_id,
    deliveredSeq: Number(row.delivered_seq),
    readSeq: Number(row.read_seq),
    updatedAtMs: row.updated_at.getTime(),
  }
}
