import { randomUUID } from 'node:crypto'
import type { Pool } from '@wired/db'
import { type Conversation, ConversationKind } from '@wired/proto/whatsapp/v1/users'
import { AppError } from '@wired/runtime'
import type { ConversationPlan } from '../domain/conversations'

interface ConversationRow {
  conversation_id: string
  kind: 'direct' | 'group'
  title: string
  created_at: Date
  member_ids: string[]
}

const SELECT_CONVERSATION = `
  SELECT c.conversation_id, c.kind, c.title, c.created_at,
         array_agg(m.user_id::text ORDER BY m.user_id) AS member_ids
  FROM conversations c JOIN conversation_members m USING (conversation_id)`

/** Conversations (direct chats and groups) and their members (schema wa_users). */
export class ConversationStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Creates the planned conversation in one transaction. A direct chat that exists already is
   * returned as it is: the unique direct_key turns a second "open chat with bob" into a read.
   */
  async create(creatorId: string, plan: ConversationPlan): Promise<Conversation> {
    const id = randomUUID()
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      const inserted = await client.query<{ conversation_id: string }>(
        `INSERT INTO conversations (conversation_id, kind, title, direct_key, created_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (direct_key) DO NOTHING RETURNING conversation_id`,
        [
          id,
          plan.kind,
          plan.kind === 'group' ? plan.title : '',
          plan.kind === 'direct' ? plan.directKey : null,
          creatorId,
        ],
      )
      if (inserted.rowCount === 1) {
        await client.query(
          'INSERT INTO conversation_members (conversation_id, user_id) SELECT $1, unnest($2::uuid[])',
          [id, plan.memberIds],
        )
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
    return plan.kind === 'direct' ? this.byDirectKey(plan.directKey) : this.get(id)
  }

  async get(conversationId: string): Promise<Conversation> {
    const { rows } = await this.pool.query<ConversationRow>(
      `${SELECT_CONVERSATION} WHERE c.conversation_id = $1 GROUP BY c.conversation_id`,
      [conversationId],
    )
    if (!rows[0]) throw new AppError('NOT_FOUND', 'no such conversation', { conversationId })
    return toConversation(rows[0])
  }

  async listFor(userId: string): Promise<Conversation[]> {
    const { rows } = await this.pool.query<ConversationRow>(
      `${SELECT_CONVERSATION}
       WHERE c.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = $1)
       GROUP BY c.conversation_id ORDER BY c.created_at`,
      [userId],
    )
    return rows.map(toConversation)
  }

  private async byDirectKey(directKey: string): Promise<Conversation> {
    const { rows } = await this.pool.query<ConversationRow>(
      `${SELECT_CONVERSATION} WHERE c.direct_key = $1 GROUP BY c.conversation_id`,
      [directKey],
    )
    return toConversation(rows[0]!)
  }
}

function toConversation(row: ConversationRow): Conversation {
  return {
    conversationId: row.conversation_id,
    kind: row.kind === 'direct' ? ConversationKind.DIRECT : ConversationKind.GROUP,
    title: row.title,
    memberIds: row.member_ids,
    createdAtMs: row.created_at.getTime(),
  }
}
