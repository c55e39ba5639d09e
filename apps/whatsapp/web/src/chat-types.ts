import type { ErrorFrame, MessageView, PresenceView, ReadyFrame, ReceiptView } from '../../src/shared/frames'
import type { ApiClient } from './api-client'

/** The part of the WebSocket API both the browser's WebSocket and Node's `ws` provide. */
export interface WebSocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: never) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onerror: ((event: never) => void) | null
}

export interface ChatEvents {
  ready: ReadyFrame
  /** Each message exactly once, in seq order per conversation (own messages included). */
  message: MessageView
  receipt: ReceiptView
  typing: { conversationId: string; userId: string }
  presence: PresenceView
  error: ErrorFrame
  state: 'connecting' | 'open' | 'closed'
}

export interface ChatClientOptions {
  /** ws://host:port/ws */
  gatewayUrl: string
  /** Signed in: its token (renewed in place) opens the socket, and it fetches what was missed. */
  api: ApiClient
  createSocket(url: string, protocols: string[]): WebSocketLike
  /** Where this device already is (conversation id → last seq seen). Default: nothing seen. */
  seen?: Record<string, number>
  /** Resend a send that has no ack after this long. Default 3,000 ms. */
  ackTimeoutMs?: number
  /** Tell the server "delivered" as messages arrive. Default true. */
  autoDelivered?: boolean
}
