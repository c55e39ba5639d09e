import { randomUUID } from 'node:crypto'
import type { Pool } from '@wired/db'
import type { ChatMessage } from '@wired/proto/whatsapp/v1/message'
import { GroupCommit, type PendingItem } from '@wired/runtime'
import type { SendCommand } from '../domain/send-rules'
import { MESSAGE_COLUMNS, type MessageRow, type MessageStore, toChatMessage } from './message-store'

type PendingSend = PendingItem<SendCommand, { message: ChatMessage; duplicate: boolean }>

// Bounds one statement (7 parameters' worth of array elements per send) and one flush's latency.
const MAX_SENDS_PER_STATEMENT = 200

/**
 * Group commit for sends. While one INSERT is in flight, the sends that arrive queue up and are
 * stored together by the next one: under load a single statement (one round trip, one commit,
 * one WAL flush) stores hundreds of messages, at rest a send waits for no timer. The commit is
 * most of what a small insert costs, so this is where the database's time per message drops.
 *
 * The guarantees stay those of MessageStore.insertOrFind: every send of a batch gets its
 * conversation's next seqs in arrival order, and a batch is one statement, so it is stored
 * whole or not at all. If it fails (typically a resent clientMessageId hitting the unique key),
 * nothing of it was stored, and each send is retried on its own, where a retry finds its row.
 */
export class SendBatcher {
  private readonly group = new GroupCommit<SendCommand, { message: ChatMessage; duplicate: boolean }>(
    (batch) => this.commit(batch),
    { maxBatch: MAX_SENDS_PER_STATEMENT },
  )

  constructor(
    private readonly pool: Pool,
    private readonly store: MessageStore,
  ) {}

  insertOrFind(command: SendCommand): Promise<{ message: ChatMessage; duplicate: boolean }> {
    return this.group.submit(command)
  }

  private async commit(batch: PendingSend[]): Promise<void> {
    if (batch.length > 1 && (await this.storeTogether(batch))) return
    // One at a time, in arrival order, so the seqs of a conversation still follow arrival.
    for (const pending of batch) {
      await this.store.insertOrFind(pending.item).then(pending.resolve, pending.reject)
    }
  }

  /** True if the batch was stored as one; false if the statement failed, which stored none of it. */
  private async storeTogether(batch: PendingSend[]): Promise<boolean> {
    let messages: ChatMessage[]
    try {
      messages = await this.insertMany(batch.map(({ item }) => item))
    } catch {
      return false
    }
    for (const [i, pending] of batch.entries()) pending.resolve({ message: messages[i]!, duplicate: false })
    return true
  }

  /**
   * One statement for the whole batch. Each conversation's counter moves once, by the number of
   * its sends (the row lock is taken once, in conversation id order, so two message service
   * replicas cannot deadlock), and its sends take the numbers just below the new value, in
   * arrival order (row_number over the batch's ordinality).
   */
  private async insertMany(commands: SendCommand[]): Promise<ChatMessage[]> {
    const ids = commands.map(() => randomUUID())
    const { rows } = await this.pool.query<MessageRow>(
      `WITH batch AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
           WITH ORDINALITY AS b (message_id, conversation_id, sender_id, client_message_id, body, media_url, media_type, arrival)
       ), claimed AS (
         INSERT INTO conversation_sequences AS s (conversation_id, last_seq)
         SELECT conversation_id, count(*) FROM batch GROUP BY conversation_id ORDER BY conversation_id
         ON CONFLICT (conversation_id) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
         RETURNING conversation_id, last_seq
       )
       INSERT INTO messages (message_id, conversation_id, seq, sender_id, client_message_id, body, media_url, media_type)
       SELECT b.message_id, b.conversation_id,
              c.last_seq - count(*) OVER conversation + row_number() OVER (conversation ORDER BY b.arrival),
              b.sender_id, b.client_message_id, b.body, b.media_url, b.media_type
       FROM batch b JOIN claimed c USING (conversation_id)
       WINDOW conversation AS (PARTITION BY b.conversation_id)
       RETURNING ${MESSAGE_COLUMNS}`,
      [
        ids,
        commands.map((c) => c.conversationId),
        commands.map((c) => c.senderId),
        commands.map((c) => c.clientMessageId),
        commands.map((c) => c.text),
        commands.map((c) => c.media?.url ?? null),
        commands.map((c) => c.media?.contentType ?? null),
      ],
    )
    const byId = new Map(rows.map((row) => [row.message_id, toChatMessage(row)]))
    return ids.map((id) => {
      const message = byId.get(id)
      if (!message) throw new Error(`message ${id} missing from the batch insert`)
      return message
    })
  }
}
