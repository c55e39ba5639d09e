import type { Logger } from '@wired/runtime'

export interface PartitionOffset {
  topic: string
  partition: number
  /** The offset of the next record to read (Kafka's convention: last handled + 1). */
  offset: string
}

/**
 * Offsets handled but not yet committed, for one consumer-group member, committed together.
 *
 * Committing after every fetched batch of every partition costs one OffsetCommit request each:
 * with four groups and six partitions that was about 700 requests a second at 2,000 messages a
 * second, five times the fetches, and a good part of the broker's CPU. Here one request carries
 * every partition's offset, at most once per `intervalMs` (the Java client's
 * auto.commit.interval.ms idea), plus at once whenever the member is about to lose its
 * partitions (stop, rebalance), so the next owner starts where this one stopped.
 *
 * Delivery stays at-least-once: a commit only ever names offsets whose records were handled. A
 * crash loses at most the last interval's commits, whose records the next owner then reads again.
 */
export type Committer = (offsets: PartitionOffset[]) => Promise<void>

export class OffsetCommits {
  private pending = new Map<string, PartitionOffset>()
  private lastCommitAt = 0
  /** Commits run one after another, so an older offset never lands after a newer one. */
  private chain: Promise<void> = Promise.resolve()
  private readonly timer: NodeJS.Timeout
  private commit: Committer = async () => {}

  constructor(
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {
    // Commits what a quiet member handled last, which no later batch would otherwise carry.
    this.timer = setInterval(() => {
      if (this.pending.size > 0) this.commitNow().catch(() => {})
    }, intervalMs)
    this.timer.unref()
  }

  /**
   * Records that everything before `offset` on the partition was handled. `commitWith` is the
   * handled batch's own commit function: kafkajs's consumer.commitOffsets() quietly does nothing
   * once the member is stopping, which is exactly when its last batch must still be committed.
   */
  handled(next: PartitionOffset, commitWith: Committer): void {
    this.pending.set(`${next.topic}\u0000${next.partition}`, next)
    this.commit = commitWith
  }

  /** Commits if the last commit is older than the interval (called after each handled batch). */
  commitIfDue(): Promise<void> {
    return Date.now() - this.lastCommitAt >= this.intervalMs ? this.commitNow() : Promise.resolve()
  }

  /** Commits everything handled so far; resolves once it is on the broker (or failed and logged). */
  commitNow(): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.pending.size === 0) return
      const offsets = [...this.pending.values()]
      this.pending = new Map()
      this.lastCommitAt = Date.now()
      try {
        await this.commit(offsets)
      } catch (error) {
        // Not put back: after a failed commit (usually a rebalance) the member re-reads its
        // committed offsets, so these records come again; a stale retry could only rewind.
        this.logger.warn({ err: error, partitions: offsets.length }, 'offset commit failed; records will be re-read')
      }
    })
    return this.chain
  }

  /** After a rejoin the member starts from the broker's offsets; what was pending no longer applies. */
  forget(): void {
    this.pending.clear()
  }

  close(): void {
    clearInterval(this.timer)
  }
}
