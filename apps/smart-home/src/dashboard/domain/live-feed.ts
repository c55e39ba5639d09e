/**
 * The dashboard's live feed per home, with ids a browser can resume from. Every event gets
 * `<boot>-<seq>`: `boot` names this dashboard process, `seq` counts its events. EventSource sends
 * the last id it saw as `Last-Event-ID` when it reconnects; the feed replays what that home missed
 * from a bounded buffer. What it cannot replay it says plainly:
 *
 *   - an id this process never issued (another boot, or a seq it has not reached): refused, so a
 *     page cannot be fooled into thinking it is caught up;
 *   - an id older than the buffer: a `gap` event first, telling the page to reload history over REST.
 */
export interface FeedEvent {
  id: string
  seq: number
  event: 'reading' | 'alert' | 'state' | 'notification'
  data: unknown
}

export type Resume =
  | { ok: true; gap: boolean; missed: FeedEvent[] }
  | { ok: false; code: 'INVALID_ARGUMENT' | 'CONFLICT'; reason: string }

const EVENT_ID = /^([0-9a-f]{8})-(\d{1,15})$/

export class LiveFeed {
  private seq = 0
  private readonly buffers = new Map<string, FeedEvent[]>()
  /** Per home, the seq of the newest event trimmed from its buffer. */
  private readonly trimmedUpTo = new Map<string, number>()

  constructor(
    readonly boot: string,
    private readonly perHome = 500,
  ) {}

  get lastSeq(): number {
    return this.seq
  }

  push(home: string, event: FeedEvent['event'], data: unknown): FeedEvent {
    this.seq += 1
    const entry = { id: `${this.boot}-${this.seq}`, seq: this.seq, event, data }
    const buffer = this.buffers.get(home) ?? []
    this.buffers.set(home, buffer)
    buffer.push(entry)
    // Amortised trim: drop the oldest half-capacity at once instead of shifting per event.
    if (buffer.length > this.perHome * 1.5) {
      const dropped = buffer.splice(0, buffer.length - this.perHome)
      this.trimmedUpTo.set(home, dropped.at(-1)!.seq)
    }
    return entry
  }

  resume(home: string, lastEventId: string | undefined): Resume {
    if (lastEventId === undefined || lastEventId === '') return { ok: true, gap: false, missed: [] }
    const match = EVENT_ID.exec(lastEventId)
    if (!match)
      return {
        ok: false,
        code: 'INVALID_ARGUMENT',
        reason: `'${lastEventId.slice(0, 40)}' is not an event id of this feed`,
      }
    const [, boot, seqText] = match
    const seq = Number(seqText)
    if (boot !== this.boot)
      return {
        ok: false,
        code: 'CONFLICT',
        reason: `event id ${lastEventId} was not issued by this dashboard (boot ${this.boot}): reload and reconnect without it`,
      }
    if (seq > this.seq)
      return { ok: false, code: 'CONFLICT', reason: `event id ${lastEventId} is ahead of this feed (last ${this.seq})` }
    const buffer = this.buffers.get(home) ?? []
    const missed = buffer.filter((entry) => entry.seq > seq)
    // An event of this home newer than `seq` was already trimmed: the page missed it for good.
    const gap = (this.trimmedUpTo.get(home) ?? 0) > seq
    return { ok: true, gap, missed }
  }
}
