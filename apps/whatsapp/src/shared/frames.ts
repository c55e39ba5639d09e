/**
 * The WebSocket protocol between a client (browser, test, load generator) and the gateway:
 * JSON text frames, one object per frame, told apart by `type`. JSON rather than protobuf on
 * this edge because browsers read it natively and a reader can watch it in the dev tools; the
 * services behind the gateway speak protobuf (gRPC, Kafka).
 *
 * Sequence numbers (`seq`) are per conversation: 1, 2, 3, ... assigned by the message service.
 * A client keeps the last seq it has seen in each conversation; that one number is enough to
 * drop duplicates, notice a gap, and ask for what it missed after a reconnect.
 */
import type { ErrorCode } from '@wired/runtime'

/** The subprotocol clients offer (beside `bearer.<token>`); the gateway answers with it. */
export const CHAT_PROTOCOL = 'whatsapp.v1'

export interface MediaView {
  url: string
  contentType: string
}

export interface MessageView {
  messageId: string
  conversationId: string
  seq: number
  senderId: string
  clientMessageId: string
  text: string
  media?: MediaView
  sentAtMs: number
}

/** Cumulative: the member has every message up to `deliveredSeq`, and has read up to `readSeq`. */
export interface ReceiptView {
  conversationId: string
  userId: string
  deliveredSeq: number
  readSeq: number
  updatedAtMs: number
}

export interface PresenceView {
  userId: string
  online: boolean
  /** Absent while online, or when the user hides it (settings.showLastSeen = false). */
  lastSeenAtMs?: number
}

// ── client → gateway ─────────────────────────────────────────────────────────────────────────

/** Post a message. Resending the same clientMessageId (after a timeout or reconnect) is safe. */
export interface SendFrame {
  type: 'send'
  conversationId: string
  clientMessageId: string
  text?: string
  media?: MediaView
  /**
   * Optional, on any client frame: a W3C traceparent (`00-<32 hex>-<16 hex>-01`) to watch this
   * frame cross the wire (the page's wire panel). Frames the gateway sends inside a traced
   * action carry the same field. The transport takes it off; nothing else reads it.
   */
  trace?: string
}

/** "My device has every message of this conversation up to seq" (the second tick). */
export interface DeliveredFrame {
  type: 'delivered'
  conversationId: string
  seq: number
}

/** "I have read up to seq" (the blue ticks). */
export interface ReadFrame {
  type: 'read'
  conversationId: string
  seq: number
}

/** Ephemeral: relayed to the other members through Redis, never stored. */
export interface TypingFrame {
  type: 'typing'
  conversationId: string
}

export type ClientFrame = SendFrame | DeliveredFrame | ReadFrame | TypingFrame

// ── gateway → client ─────────────────────────────────────────────────────────────────────────

/** First frame on a new socket: the gateway now routes this user's inbox channel to it. */
export interface ReadyFrame {
  type: 'ready'
  userId: string
  gatewayId: string
  /** Presence of the user's contacts at connect time; changes follow as `presence` frames. */
  presence: PresenceView[]
  /**
   * This socket's limits. `framesPerSecond`: frames of any kind the client may send per second.
   * The gateway's bucket holds two seconds of it (frames sent apart can arrive together); past
   * that the socket is closed with 1008. A client paces itself below the rate.
   */
  limits: { framesPerSecond: number }
}

/** The first tick: the server stored the message, gave it a seq, and put it on Kafka. */
export interface AckFrame {
  type: 'ack'
  clientMessageId: string
  message: MessageView
}

export interface MessageFrame {
  type: 'message'
  message: MessageView
}

export interface ReceiptFrame {
  type: 'receipt'
  receipt: ReceiptView
}

export interface TypingNoticeFrame {
  type: 'typing'
  conversationId: string
  userId: string
}

export interface PresenceFrame {
  type: 'presence'
  presence: PresenceView
}

/**
 * A refused frame. The socket stays open. `ref` is the clientMessageId of the send that failed,
 * when it was a send; `details` names the offending field for client errors.
 */
export interface ErrorFrame {
  type: 'error'
  code: ErrorCode
  message: string
  ref?: string
  details?: Record<string, unknown>
}

export type ServerFrame =
  | ReadyFrame
  | AckFrame
  | MessageFrame
  | ReceiptFrame
  | TypingNoticeFrame
  | PresenceFrame
  | ErrorFrame

/**
 * Close code of a socket whose session token expired (an application code, 4000-4999). The
 * client asks the REST api whether its token still works: if the page renewed it, it reconnects
 * with the new one; if not, it asks the person to sign in again.
 */
export const CLOSE_SESSION_EXPIRED = 4001

/** Limits shared by the gateway (which enforces them) and clients (which respect them). */
export const LIMITS = {
  /**
   * Characters in a message's text, counted as Unicode code points (an emoji is one, though it
   * is two UTF-16 code units in `string.length`). See messageTextProblem in message-text.ts.
   */
  maxTextLength: 4096,
  /** ws maxPayload: a larger frame closes the socket with 1009. */
  maxFrameBytes: 64 * 1024,
  /** Client message ids: 8 to 64 characters of [A-Za-z0-9_-] (a UUID fits). */
  clientMessageIdPattern: /^[A-Za-z0-9_-]{8,64}$/,
} as const
