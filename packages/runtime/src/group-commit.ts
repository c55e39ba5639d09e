/** One queued item and the promise its submitter awaits. */
export interface PendingItem<In, Out> {
  item: In
  resolve: (value: Out) => void
  reject: (error: unknown) => void
}

export interface GroupCommitOptions<In> {
  /** The most items one batch carries. */
  maxBatch: number
  /**
   * A second bound, on the items' total weight (e.g. bytes: a Kafka request has a size limit).
   * A batch always takes its first item, however heavy, so no item waits forever.
   */
  maxWeight?: { limit: number; weigh: (item: In) => number }
  /**
   * How many batches may be committing at once. Default 1: batches commit one after another, in
   * arrival order, which a database sequence needs. More suits calls whose order across callers
   * does not matter (each caller awaits its own item before submitting the next).
   */
  concurrency?: number
}

/**
 * Group commit: many concurrent callers, few round trips. While a batch is being committed,
 * new items queue up and go together in the next one, so under load one statement (or request)
 * carries hundreds of items and at rest an item waits for no timer. Databases call this group
 * commit; Kafka producers call it batching. The first item of a quiet period waits only until
 * the current turn of the event loop ends (setImmediate), which lets items decoded from the
 * same socket read share a batch.
 *
 * `commit` settles every item of its batch (resolve or reject each); an item it leaves unsettled,
 * or all of them if it throws, is rejected with the error.
 */
export class GroupCommit<In, Out> {
  private readonly queue: PendingItem<In, Out>[] = []
  private readonly maxBatch: number
  private readonly maxWeight: GroupCommitOptions<In>['maxWeight']
  private readonly concurrency: number
  private inFlight = 0
  private scheduled = false
  private idleWaiters: (() => void)[] = []

  constructor(
    private readonly commit: (batch: PendingItem<In, Out>[]) => Promise<void>,
    options: GroupCommitOptions<In>,
  ) {
    this.maxBatch = options.maxBatch
    this.maxWeight = options.maxWeight
    this.concurrency = options.concurrency ?? 1
    for (const [name, value] of Object.entries({ maxBatch: this.maxBatch, concurrency: this.concurrency })) {
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`)
    }
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      if (!this.scheduled && this.inFlight < this.concurrency) {
        this.scheduled = true
        setImmediate(() => {
          this.scheduled = false
          this.startBatches()
        })
      }
    })
  }

  /** Resolves once everything submitted so far has been committed (or has failed). */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private startBatches(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchLength()).map(settleOnce)
      this.inFlight++
      void this.run(batch).finally(() => {
        this.inFlight--
        // What queued while this batch was committing goes at once: it has waited long enough.
        this.startBatches()
        if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve()
      })
    }
  }

  /** How many queued items the next batch takes: up to maxBatch, and within maxWeight. */
  private batchLength(): number {
    const most = Math.min(this.maxBatch, this.queue.length)
    if (!this.maxWeight) return most
    const { limit, weigh } = this.maxWeight
    let weight = weigh(this.queue[0]!.item)
    let length = 1
    while (length < most) {
      weight += weigh(this.queue[length]!.item)
      if (weight > limit) break
      length++
    }
    return length
  }

  private async run(batch: (PendingItem<In, Out> & { settled: boolean })[]): Promise<void> {
    try {
      await this.commit(batch)
      const left = batch.filter((pending) => !pending.settled)
      if (left.length > 0) throw new Error(`group commit left ${left.length} item(s) unsettled`)
    } catch (error) {
      for (const pending of batch) pending.reject(error)
    }
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0 && !this.scheduled
  }
}

/** Wraps resolve/reject so a second settle is a no-op, and records whether the item was settled. */
function settleOnce<In, Out>(pending: PendingItem<In, Out>): PendingItem<In, Out> & { settled: boolean } {
  const wrapped = {
    item: pending.item,
    settled: false,
    resolve: (value: Out) => {
      if (wrapped.settled) return
      wrapped.settled = true
      pending.resolve(value)
    },
    reject: (error: unknown) => {
      if (wrapped.settled) return
      wrapped.settled = true
      pending.reject(error)
    },
  }
  return wrapped
}
