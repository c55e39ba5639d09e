import type { MessageView } from '../../src/shared/frames'

export interface Offer {
  /** Messages that can be shown now, in seq order (the offered one, plus any it unblocked). */
  ready: MessageView[]
  /** The offered message was already shown (a redelivery after a crash, a retry, a sync overlap). */
  duplicate: boolean
  /** Something between the last shown seq and this one is missing: time to ask the server. */
  gap: boolean
}

/**
 * Exactly once, in order, on the client: the server numbers each conversation 1, 2, 3, ... and
 * may deliver a message twice (Kafka consumers are at-least-once, clients resend) or early (a
 * live push overtaking a sync). The tracker shows seq n only after n - 1, drops anything at or
 * below the last shown seq, and parks early arrivals until the gap is filled.
 */
export class SequenceTracker {
  private readonly last = new Map<string, number>()
  private readonly early = new Map<string, Map<number, MessageView>>()

  constructor(seen: Record<string, number> = {}) {
    for (const [conversationId, seq] of Object.entries(seen)) this.last.set(conversationId, seq)
  }

  offer(message: MessageView): Offer {
    const { conversationId, seq } = message
    const last = this.lastSeq(conversationId)
    if (seq <= last || this.early.get(conversationId)?.has(seq)) return { ready: [], duplicate: true, gap: false }
    if (seq > last + 1) {
      const parked = this.early.get(conversationId) ?? new Map<number, MessageView>()
      this.early.set(conversationId, parked)
      parked.set(seq, message)
      return { ready: [], duplicate: false, gap: true }
    }
    const ready = [message]
    let next = seq + 1
    const parked = this.early.get(conversationId)
    while (parked?.has(next)) {
      ready.push(parked.get(next)!)
      parked.delete(next)
      next += 1
    }
    if (parked?.size === 0) this.early.delete(conversationId)
    this.last.set(conversationId, next - 1)
    return { ready, duplicate: false, gap: false }
  }

  lastSeq(conversationId: string): number {
    return this.last.get(conversationId) ?? 0
  }

  /** Conversations with parked messages, i.e. a gap still open. */
  gaps(): string[] {
    return [...this.early.keys()]
  }

  /** Where this client is in every conversation it knows: the `since` of a resume. */
  positions(): Record<string, number> {
    return Object.fromEntries(this.last)
  }
}
