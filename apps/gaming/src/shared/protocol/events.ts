/**
 * The reliable event set (TCP frames, WebSocket text frames): what a client may send, what the
 * server sends back, and the validation of client commands. Validation returns an error instead
 * of throwing so both gateways map it the same way: an `error` frame, and for a frame that cannot
 * be understood at all, a close.
 */
export const MAX_CHAT_CHARS = 200

export type ClientCommand = { type: 'join'; ticket: string } | { type: 'chat'; text: string } | { type: 'leave' }

export interface PlayerSummary {
  slot: number
  playerId: string
  name: string
  score: number
}

export interface MatchResultEntry {
  slot: number
  playerId: string
  name: string
  points: number
  rank: number
}

/** Server events before the per-connection `seq` is stamped on. */
export type ServerEventBody =
  | {
      type: 'welcome'
      playerId: string
      slot: number
      connectionId: number
      sessionToken: number
      matchId: string
      tick: number
      tickRate: number
      arena: { width: number; height: number }
      endsAt: number
      players: PlayerSummary[]
    }
  | { type: 'joined'; slot: number; playerId: string; name: string }
  | { type: 'left'; slot: number; playerId: string }
  | { type: 'pickup'; slot: number; pickupId: number; tick: number }
  | { type: 'score'; slot: number; score: number }
  | { type: 'chat'; slot: number; name: string; text: string }
  | { type: 'match-result'; matchId: string; results: MatchResultEntry[] }
  | { type: 'error'; code: ErrorCode; message: string }

export type ServerEvent = ServerEventBody & { seq: number; trace?: string }

export type ErrorCode = 'INVALID_ARGUMENT' | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'FAILED_PRECONDITION' | 'INTERNAL'

export type ParsedCommand =
  | { ok: true; command: ClientCommand; trace?: string }
  | { ok: false; code: ErrorCode; message: string; fatal: boolean }

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/

/**
 * Parses one frame body. `fatal` means the frame itself is not part of the protocol (not JSON,
 * not an object, unknown type): the README closes the connection for those. A known command with
 * a bad field (empty chat) is answered but the connection stays.
 */
export function parseCommand(text: string): ParsedCommand {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return invalid('frame body is not JSON', true)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('frame body must be a JSON object', true)
  }
  const frame = value as Record<string, unknown>
  const trace = typeof frame.trace === 'string' && TRACEPARENT.test(frame.trace) ? frame.trace : undefined
  switch (frame.type) {
    case 'join':
      if (typeof frame.ticket !== 'string' || frame.ticket.length === 0 || frame.ticket.length > 1024) {
        return { ok: false, code: 'UNAUTHENTICATED', message: 'join needs a match ticket', fatal: true }
      }
      return { ok: true, command: { type: 'join', ticket: frame.ticket }, trace }
    case 'chat': {
      const chars = typeof frame.text === 'string' ? [...frame.text].length : 0
      if (typeof frame.text !== 'string' || chars < 1 || chars > MAX_CHAT_CHARS) {
        return invalid(`chat text must be 1–${MAX_CHAT_CHARS} characters`, false)
      }
      return { ok: true, command: { type: 'chat', text: frame.text }, trace }
    }
    case 'leave':
      return { ok: true, command: { type: 'leave' }, trace }
    default:
      return invalid(`unknown frame type ${JSON.stringify(String(frame.type)).slice(0, 40)}`, true)
  }
}

const invalid = (message: string, fatal: boolean): ParsedCommand => ({
  ok: false,
  code: 'INVALID_ARGUMENT',
  message,
  fatal,
})
