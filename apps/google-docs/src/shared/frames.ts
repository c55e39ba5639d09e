/**
 * The collaboration protocol, the same over every transport: WS frames, long-poll JSON bodies
 * and SSE events carry these objects. Ops are JSON arrays (see text-op.ts), revisions integers.
 */
import type { AppliedOp } from './editor-state'
import type { TextOp } from './text-op'

export type Transport = 'ws' | 'long-poll' | 'sse'

export interface PresenceView {
  sessionId: string
  userId: string
  handle: string
  /** A stable colour per session, so the page can paint cursors. */
  colour: string
  /** Code point offset of the caret in the text at `revision`. */
  cursor: number
  revision: number
  transport: Transport
  /** ms since the epoch of the last update; a crashed replica's sessions age out. */
  at: number
}

/** Client → server over WS (long polling posts the same fields to its routes). */
export type ClientFrame =
  | { type: 'op'; opId: string; baseRevision: number; op: TextOp }
  | { type: 'cursor'; cursor: number; revision: number }
  | { type: 'sync'; after: number }

/** Server → client. */
export type ServerFrame =
  | {
      type: 'ready'
      docId: string
      sessionId: string
      revision: number
      text: string
      colour: string
      role: string
      replica: string
      presence: PresenceView[]
    }
  | ({ type: 'op' } & AppliedOp)
  | { type: 'ops'; ops: AppliedOp[] }
  | { type: 'presence'; presence: PresenceView }
  | { type: 'left'; sessionId: string }
  | { type: 'error'; code: string; message: string; opId?: string }

/** What travels on a document's Redis channel (the same JSON goes out to WS and SSE readers). */
export type DocumentEvent = Extract<ServerFrame, { type: 'op' | 'presence' | 'left' }>

export const LIMITS = {
  /**
   * Largest client frame: room for a 64 KiB insert in JSON. A 1 MB paste is refused at the
   * socket (close 1009) or with 413 on long polling, before any parsing.
   */
  maxFrameBytes: 256 * 1024,
  maxInsertChars: 64 * 1024,
  maxDocumentChars: 1_000_000,
}

/** Close codes beyond the standard ones (4000-4999 are the application's). */
export const CLOSE_NO_ACCESS = 4403
export const CLOSE_NO_DOCUMENT = 4404
