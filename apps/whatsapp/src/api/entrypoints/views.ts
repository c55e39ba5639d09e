import type { ChatMessage, Receipt } from '@wired/proto/whatsapp/v1/message'
import { type Conversation, ConversationKind, type Settings, type User } from '@wired/proto/whatsapp/v1/users'
import type { MessageView, ReceiptView } from '../../shared/frames'
import type { ConversationView, SettingsView, UserView } from '../../shared/rest'

/** gRPC messages → the JSON the REST API promises (src/shared/rest.ts). */
export function messageView(message: ChatMessage): MessageView {
  const { media, ...rest } = message
  return media ? { ...rest, media } : rest
}

export const receiptView = (receipt: Receipt): ReceiptView => ({ ...receipt })

export function userView(user: User | undefined): UserView {
  if (!user) throw new Error('users service answered without a user')
  return { userId: user.userId, handle: user.handle, displayName: user.displayName, about: user.about }
}

export function settingsView(settings: Settings | undefined): SettingsView {
  return { readReceipts: settings?.readReceipts ?? true, showLastSeen: settings?.showLastSeen ?? true }
}

export function conversationView(conversation: Conversation | undefined): ConversationView {
  if (!conversation) throw new Error('users service answered without a conversation')
  return {
    conversationId: conversation.conversationId,
    kind: conversation.kind === ConversationKind.DIRECT ? 'direct' : 'group',
    title: conversation.title,
    memberIds: conversation.memberIds,
    createdAtMs: conversation.createdAtMs,
  }
}
