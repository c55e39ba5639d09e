import type { MessageView, PresenceView, ReceiptView } from '../../src/shared/frames'
import type { ConversationView, SettingsView, UserView } from '../../src/shared/rest'

/** A message as the page shows it: sent ones have a seq, our own unacknowledged ones do not yet. */
export interface ShownMessage {
  clientMessageId: string
  senderId: string
  text: string
  media?: { url: string; contentType: string }
  seq: number
  sentAtMs: number
}

/** Everything the page knows, updated by REST answers and WebSocket frames, read by the view. */
export class ChatState {
  contacts = new Map<string, UserView>()
  presence = new Map<string, PresenceView>()
  conversations = new Map<string, ConversationView>()
  /** Per conversation, keyed by clientMessageId, so our pending copy and the stored one merge. */
  messages = new Map<string, Map<string, ShownMessage>>()
  receipts = new Map<string, Map<string, ReceiptView>>()
  typing = new Map<string, { userId: string; until: number }>()
  olderCursor = new Map<string, string | null>()
  unread = new Map<string, number>()
  openConversationId: string | undefined

  constructor(
    readonly me: UserView,
    public settings: SettingsView,
  ) {}

  addMessage(message: MessageView | (ShownMessage & { conversationId: string })): void {
    let list = this.messages.get(message.conversationId)
    if (!list) {
      list = new Map()
      this.messages.set(message.conversationId, list)
    }
    const known = list.get(message.clientMessageId)
    list.set(message.clientMessageId, { ...known, ...message })
  }

  /** Oldest first by seq; pending (seq 0) messages last, in the order they were written. */
  messagesOf(conversationId: string): ShownMessage[] {
    const list = [...(this.messages.get(conversationId)?.values() ?? [])]
    return list.sort(
      (a, b) => (a.seq || Number.MAX_SAFE_INTEGER) - (b.seq || Number.MAX_SAFE_INTEGER) || a.sentAtMs - b.sentAtMs,
    )
  }

  setReceipt(receipt: ReceiptView): void {
    let byUser = this.receipts.get(receipt.conversationId)
    if (!byUser) {
      byUser = new Map()
      this.receipts.set(receipt.conversationId, byUser)
    }
    const known = byUser.get(receipt.userId)
    byUser.set(receipt.userId, {
      ...receipt,
      deliveredSeq: Math.max(receipt.deliveredSeq, known?.deliveredSeq ?? 0),
      readSeq: Math.max(receipt.readSeq, known?.readSeq ?? 0),
    })
  }

  otherMembers(conversationId: string): string[] {
    return (this.conversations.get(conversationId)?.memberIds ?? []).filter((id) => id !== this.me.userId)
  }

  nameOf(userId: string): string {
    if (userId === this.me.userId) return 'You'
    return this.contacts.get(userId)?.displayName ?? userId.slice(0, 8)
  }

  titleOf(conversation: ConversationView): string {
    if (conversation.kind === 'group') return conversation.title
    const peer = conversation.memberIds.find((id) => id !== this.me.userId)
    return peer ? this.nameOf(peer) : 'Chat'
  }
}
