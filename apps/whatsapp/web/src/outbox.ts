import type { MessageView, SendFrame } from '../../src/shared/frames'

interface Pending {
  frame: SendFrame
  /** When the frame last went out; undefined while it waits for a connection. */
  sentAt: number | undefined
  attempts: number
  resolve(message: MessageView): void
  reject(error: Error): void
}

/** A send the server refused for good (not a member, invalid...): retrying would not help. */
export class SendRefused extends Error {
  override readonly name = 'SendRefused'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Codes after which the same frame may succeed later: the server, not the message, was the problem. */
const RETRYABLE = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'INTERNAL', 'RATE_LIMITED'])

/**
 * Sends waiting for their ack (the first tick). A send stays here until the server answers with
 * an ack or a final refusal, and goes out again, unchanged, after a reconnect or when the ack
 * is late: the clientMessageId makes that safe, since the server stores it only once.
 */
export class Outbox {
  private readonly pending = new Map<string, Pending>()
  /** Frames sent more than once so far: the retries that idempotency made harmless. */
  resends = 0

  constructor(private readonly ackTimeoutMs: number) {}

  add(frame: SendFrame): Promise<MessageView> {
    const existing = this.pending.get(frame.clientMessageId)
    if (existing) return new Promise((resolve, reject) => chain(existing, resolve, reject))
    return new Promise((resolve, reject) => {
      this.pending.set(frame.clientMessageId, { frame, sentAt: undefined, attempts: 0, resolve, reject })
    })
  }

  /**
   * Frames to (re)send now, oldest first, at most `limit` (what the rate allows): never sent,
   * or unanswered for too long. The wait doubles with every attempt (3 s, 6 s, 12 s ... 60 s):
   * an overloaded server answers late, and resending everything it has not answered yet would
   * only add load. A frame over the limit stays unsent and goes out on a later call.
   */
  due(now: number, limit = Number.POSITIVE_INFINITY): SendFrame[] {
    const frames: SendFrame[] = []
    for (const pending of this.pending.values()) {
      if (frames.length >= limit) break
      const wait = Math.min(60_000, this.ackTimeoutMs * 2 ** Math.max(0, pending.attempts - 1))
      if (pending.sentAt === undefined || now - pending.sentAt >= wait) {
        pending.sentAt = now
        pending.attempts += 1
        if (pending.attempts > 1) this.resends += 1
        frames.push(pending.frame)
      }
    }
    return frames
  }

  /** A new socket: nothing sent on the old one can be answered on it, so all of it goes again. */
  unsendAll(): void {
    for (const pending of this.pending.values()) pending.sentAt = undefined
  }

  acked(clientMessageId: string, message: MessageView): void {
    this.pending.get(clientMessageId)?.resolve(message)
    this.pending.delete(clientMessageId)
  }

  /** Returns true when the error was final and the send was given up. */
  refused(clientMessageId: string, code: string, reason: string): boolean {
    const pending = this.pending.get(clientMessageId)
    if (!pending) return false
    if (RETRYABLE.has(code)) return false // stays; due() resends it after ackTimeoutMs
    pending.reject(new SendRefused(code, reason))
    this.pending.delete(clientMessageId)
    return true
  }

  get size(): number {
    return this.pending.size
  }

  rejectAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }
}

function chain(pending: Pending, resolve: (m: MessageView) => void, reject: (e: Error) => void) {
  const { resolve: first, reject: firstReject } = pending
  pending.resolve = (message) => {
    first(message)
    resolve(message)
  }
  pending.reject = (error) => {
    firstReject(error)
    reject(error)
  }
}
