import { type Logger, untilAborted } from '@wired/runtime'
import { deliverBatch, sleep } from './delivery'
import { MAX_HANDLER_BATCH, type OutgoingRecord, type SubscribeOptions } from './event-log'

export interface StoredRecord {
  key: string
  value: Uint8Array
  headers: Record<string, string>
  timestamp: number
}

/** One partition: an append-only array whose indexes are the offsets. */
export class PartitionLog {
  readonly records: StoredRecord[] = []
  private waiters: Array<() => void> = []

  append(record: StoredRecord): void {
    this.records.push(record)
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  /** An idle consumer parks here, as a Kafka fetch waits on the broker for new data. */
  nextAppend(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve))
  }
}

export type Topics = Map<string, PartitionLog[]>

/**
 * A consumer group: its members, who owns which partition, and the committed offsets (what Kafka
 * keeps in `__consumer_offsets`). Rebalances are eager, like Kafka's classic protocol: every
 * member stops and finishes its in-flight record, then the partitions are dealt out again.
 */
export class MemoryConsumerGroup {
  /** `${topic}:${partition}` → offset of the next record to handle. */
  private readonly committed = new Map<string, number>()
  private members: GroupMember[] = []
  private rebalancing: Promise<void> = Promise.resolve()

  constructor(private readonly topics: Topics) {}

  join(member: GroupMember): Promise<void> {
    return this.rebalance(() => this.members.push(member))
  }

  leave(member: GroupMember): Promise<void> {
    return this.rebalance(() => {
      this.members = this.members.filter((m) => m !== member)
    })
  }

  position(topic: string, partition: number): number {
    return this.committed.get(`${topic}:${partition}`) ?? 0
  }

  commit(topic: string, partition: number, nextOffset: number): void {
    this.committed.set(`${topic}:${partition}`, nextOffset)
  }

  private rebalance(change: () => void): Promise<void> {
    const done = this.rebalancing.then(async () => {
      await Promise.all(this.members.map((member) => member.revokeAll()))
      change()
      this.assign()
    })
    this.rebalancing = done.catch(() => {})
    return done
  }

  /** Round robin per topic over the members subscribed to it: partition p goes to member p mod n. */
  private assign(): void {
    const topics = [...new Set(this.members.flatMap((member) => member.topics))].sort()
    for (const topic of topics) {
      const owners = this.members.filter((member) => member.topics.includes(topic))
      this.topics.get(topic)?.forEach((log, partition) => {
        const owner = owners[partition % owners.length]!
        // A group that never committed here starts at the oldest record or at the log end.
        // Unlike Kafka, the twin remembers that start at once (see README).
        if (!this.committed.has(`${topic}:${partition}`)) {
          this.commit(topic, partition, owner.fromBeginning ? 0 : log.records.length)
        }
        owner.consume(topic, partition, log)
      })
    }
  }
}

interface PartitionWorker {
  /** Aborted when the group takes the partition away (rebalance) or the member leaves. */
  revoked: AbortController
  done: Promise<void>
}

/** One subscription: consumes the partitions the group assigned to it, one loop per partition. */
export class GroupMember {
  private workers: PartitionWorker[] = []

  constructor(
    private readonly group: MemoryConsumerGroup,
    private readonly options: SubscribeOptions,
    private readonly publish: (topic: string, records: OutgoingRecord[]) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  get topics(): string[] {
    return this.options.topics
  }

  get fromBeginning(): boolean {
    return this.options.fromBeginning ?? false
  }

  consume(topic: string, partition: number, log: PartitionLog): void {
    const revoked = new AbortController()
    this.workers.push({ revoked, done: this.consumePartition(topic, partition, log, revoked.signal) })
  }

  /** Stop every partition loop; an in-flight handler may finish first. */
  async revokeAll(): Promise<void> {
    for (const worker of this.workers) worker.revoked.abort()
    await Promise.all(this.workers.map((worker) => worker.done))
    this.workers = []
  }

  private async consumePartition(topic: string, partition: number, log: PartitionLog, revoked: AbortSignal) {
    const revocation = untilAborted(revoked)
    while (!revoked.aborted) {
      const offset = this.group.position(topic, partition)
      const stored = log.records[offset]
      if (!stored) {
        await Promise.race([log.nextAppend(), revocation])
        continue
      }
      // Yield to the event loop between records, as a network round trip would: publishers and
      // other partitions keep moving, and no handler ever runs inside a publish call.
      await new Promise((resolve) => setImmediate(resolve))
      if (revoked.aborted) return
      // A plain handler gets one record at a time; a batchHandler gets everything already
      // waiting (up to MAX_HANDLER_BATCH), as a Kafka fetch returns what the partition holds.
      const size = this.options.batchHandler ? MAX_HANDLER_BATCH : 1
      const records = log.records.slice(offset, offset + size).map((waiting, i) => ({
        topic,
        partition,
        offset: String(offset + i),
        ...waiting,
        value: waiting.value.slice(),
        headers: { ...waiting.headers },
      }))
      try {
        const isStopping = () => revoked.aborted
        const done = await deliverBatch(records, {
          options: this.options,
          isStopping,
          publish: this.publish,
          logger: this.logger,
        })
        if (done > 0) this.group.commit(topic, partition, offset + done)
        if (done < records.length) return
      } catch (error) {
        // Only dead-lettering can get here. Kafka would restart the consumer from its committed
        // offset; the twin does the same by reading the uncommitted record again after a pause.
        this.logger.error({ topic, partition, offset, err: error }, 'dead-lettering failed, redelivering')
        await sleep(this.options.retryBackoffMs ?? 50)
      }
    }
  }
}
