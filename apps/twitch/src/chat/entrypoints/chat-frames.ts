import { randomBytes } from 'node:crypto'
import { toAppError } from '@wired/runtime'
import type { MessagePart } from '../domain/chat-text'

/**
 * The frames a chat server sends (README, "Chat"). Every one is JSON text; `message` is published
 * once to the channel's Redis channel and reaches every viewer on both servers as the same string.
 */
export interface MessageFrame {
  type: 'message'
  channel: string
  id: string
  user: string
  parts: MessagePart[]
  /** Server time of acceptance (ms since the epoch). */
  at: number
}

/** Close code for a socket whose user the channel's owner banned (4000–4999: the application's own). */
export const CLOSE_BANNED = 4003

export const newMessageId = (): string => `m_${randomBytes(12).toString('base64url')}`

const SERVER_FAULTS = new Set(['INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])

/** A client's mistake keeps its details (and `retryAfterMs` on top, for pages); a server fault says nothing more. */
export function errorFrame(error: unknown, ref?: string) {
  const { code, message, details } = toAppError(error)
  const retryAfterMs = typeof details?.retryAfterMs === 'number' ? details.retryAfterMs : undefined
  if (SERVER_FAULTS.has(code))
    return { type: 'error', code, message: code === 'INTERNAL' ? 'internal error' : message, ref }
  return { type: 'error', code, message, ref, retryAfterMs, details }
}
