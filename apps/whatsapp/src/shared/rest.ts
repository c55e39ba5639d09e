/**
 * Shapes of the REST API's `data` (inside the `{ data, meta, errors }` envelope), shared by the
 * api service and the clients. Messages and receipts have the same shape as on the WebSocket.
 */
import type { MessageView, ReceiptView } from './frames'

export interface UserView {
  userId: string
  handle: string
  displayName: string
  about: string
}

export interface SettingsView {
  readReceipts: boolean
  showLastSeen: boolean
}

export interface ConversationView {
  conversationId: string
  kind: 'direct' | 'group'
  title: string
  memberIds: string[]
  createdAtMs: number
}

/** `POST /v1/sessions` and `POST /v1/sessions/renew`: renew before `expiresAt` (ISO 8601), or sign in again. */
export interface SessionView {
  token: string
  user: UserView
  expiresAt: string
}

/** Sign-in passwords: 8 to 128 characters (the users service checks; the page says so first). */
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const

export interface MeView {
  user: UserView
  settings: SettingsView
}

export interface MediaUploadView {
  mediaId: string
  url: string
  contentType: string
  sizeBytes: number
}

/** GET /v1/conversations/:id/messages: one page, oldest first; meta.nextCursor pages further back. */
export interface HistoryMeta {
  nextCursor: string | null
  receipts: ReceiptView[]
}

/** GET /v1/messages/missed: what a reconnecting client missed, oldest first per conversation. */
export interface MissedMeta {
  hasMore: boolean
  receipts: ReceiptView[]
}

export type { MessageView, ReceiptView }
