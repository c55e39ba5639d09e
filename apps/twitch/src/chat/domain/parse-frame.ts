import { AppError } from '@wired/runtime'
import { isChannelName } from '../../shared/stream-key'

/** What a client may send (README, "Chat"); `ref` is echoed in the answer (ack or error). */
export type ClientFrame =
  | { type: 'send'; text: unknown; ref?: string }
  | { type: 'delete'; id: string; ref?: string }
  | { type: 'ban'; user: string; ref?: string }
  | { type: 'unban'; user: string; ref?: string }
  | { type: 'slow-mode'; seconds: number; ref?: string }

export const MAX_SLOW_MODE_SECONDS = 600
const MESSAGE_ID = /^m_[A-Za-z0-9_-]{16}$/
const REF = /^[A-Za-z0-9_.:-]{1,64}$/
const KNOWN_FIELDS = new Set(['type', 'text', 'id', 'user', 'seconds', 'ref', 'trace'])

/** The client's `ref`, if well-formed, for an error about a frame that failed to parse. */
export function refOf(fields: Record<string, unknown>): string | undefined {
  return typeof fields.ref === 'string' && REF.test(fields.ref) ? fields.ref : undefined
}

/** Validates a parsed JSON frame; AppError INVALID_ARGUMENT names what is wrong. */
export function parseClientFrame(fields: Record<string, unknown>): ClientFrame {
  const ref = refOf(fields)
  if (fields.ref !== undefined && ref === undefined) throw invalid('ref: 1–64 of A-Z a-z 0-9 _ . : -')
  const extra = Object.keys(fields).find((key) => !KNOWN_FIELDS.has(key))
  if (extra !== undefined) throw invalid(`unknown field '${extra}'`)
  switch (fields.type) {
    case 'send':
      // The text itself is checked by cleanText (length and emptiness have their own errors).
      return { type: 'send', text: fields.text, ref }
    case 'delete':
      if (typeof fields.id !== 'string' || !MESSAGE_ID.test(fields.id)) throw invalid('id: a message id (m_…)')
      return { type: 'delete', id: fields.id, ref }
    case 'ban':
    case 'unban':
      if (typeof fields.user !== 'string' || !isChannelName(fields.user)) throw invalid('user: a user name')
      return { type: fields.type, user: fields.user, ref }
    case 'slow-mode': {
      const seconds = fields.seconds
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SLOW_MODE_SECONDS)
        throw invalid(`seconds: an integer 0–${MAX_SLOW_MODE_SECONDS} (0 turns slow mode off)`)
      return { type: 'slow-mode', seconds, ref }
    }
    default:
      throw invalid(`unknown frame type ${JSON.stringify(fields.type)}; expected send, delete, ban, unban or slow-mode`)
  }
}

const invalid = (message: string) => new AppError('INVALID_ARGUMENT', message)
