import { AppError } from '@wired/runtime'
import type { TickBatch } from '../../shared/market-feed'

/**
 * SSE event ids are `<epoch>.<seq>` of the market's TickBatch: the market names them, not the
 * gateway, so an id means the same on every gateway replica and a client may resume on any.
 */
const EVENT_ID = /^([A-Za-z0-9_-]{1,32})\.(\d{1,15})$/

export const eventIdOf = (epoch: string, seq: number): string => `${epoch}.${seq}`

/** What a reconnecting ticker gets: the batches it missed, or a snapshot when they are gone. */
export type Resume = { kind: 'replay'; batches: TickBatch[] } | { kind: 'snapshot'; reason: string }

/**
 * The recent batches, kept so that an SSE client that reconnects with Last-Event-ID misses
 * nothing. Bounded (a ring of `capacity` batches, 10 s at the default 500 × 20 ms): an id older
 * than the ring gets an explicit snapshot instead of a silent gap. A gap in the feed itself (a
 * batch this gateway never heard: Redis pub/sub is at-most-once) or a new epoch empties the
 * ring, so a replay never spans batches the gateway does not have.
 */
export class TickerRing {
  private batches: TickBatch[] = []
  private currentEpoch: string | undefined
  /** Epochs this gateway saw before the current one (bounded): their ids are stale, not foreign. */
  private readonly pastEpochs = new Set<string>()

  constructor(private readonly capacity: number) {}

  get epoch(): string | undefined {
    return this.currentEpoch
  }

  get latestSeq(): number {
    return this.batches.at(-1)?.seq ?? 0
  }

  /** The id of the newest batch, or undefined before the first one. */
  get latestId(): string | undefined {
    const latest = this.batches.at(-1)
    return latest && eventIdOf(latest.epoch, latest.seq)
  }

  push(batch: TickBatch): void {
    const contiguous = batch.epoch === this.currentEpoch && batch.seq === this.latestSeq + 1
    if (!contiguous) this.batches = []
    if (this.currentEpoch !== undefined && batch.epoch !== this.currentEpoch) {
      this.pastEpochs.add(this.currentEpoch)
      if (this.pastEpochs.size > 16) this.pastEpochs.delete(this.pastEpochs.values().next().value as string)
    }
    this.currentEpoch = batch.epoch
    this.batches.push(batch)
    if (this.batches.length > this.capacity) this.batches.shift()
  }

  /**
   * Where a client that last saw `lastEventId` picks up. An id from an epoch this gateway saw
   * before (the market restarted while the widget was away) gets a snapshot: the browser's
   * EventSource would stop reconnecting for good on an error. Throws INVALID_ARGUMENT for an id
   * this market never issued (malformed, an epoch never seen, a seq not reached yet): resuming
   * from it would be a guess, and a silent guess is a gap.
   */
  resumeAfter(lastEventId: string): Resume {
    const match = EVENT_ID.exec(lastEventId)
    if (!match) throw new AppError('INVALID_ARGUMENT', 'Last-Event-ID is not an id this ticker issues (<epoch>.<seq>)')
    const [, epoch, seqText] = match as unknown as [string, string, string]
    if (this.pastEpochs.has(epoch)) return { kind: 'snapshot', reason: 'the market restarted (a new epoch)' }
    if (epoch !== this.currentEpoch)
      throw new AppError('INVALID_ARGUMENT', 'Last-Event-ID is from another market epoch; reconnect without it', {
        epoch: this.currentEpoch ?? null,
      })
    const seq = Number(seqText)
    if (seq > this.latestSeq)
      throw new AppError('INVALID_ARGUMENT', `Last-Event-ID is ahead of the market (newest seq is ${this.latestSeq})`)
    const oldest = this.batches[0]?.seq ?? this.latestSeq + 1
    if (seq < oldest - 1)
      return { kind: 'snapshot', reason: `seq ${seq} is older than the ${this.batches.length} batches kept` }
    return { kind: 'replay', batches: this.batches.filter((batch) => batch.seq > seq) }
  }
}
