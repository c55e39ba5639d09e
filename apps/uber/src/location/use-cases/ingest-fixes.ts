import type { Logger } from '@wired/runtime'
import type { LatLon } from '../../shared/city'
import type { DriverPosition } from '../domain/position'

/** The GEO index of online drivers (Redis). */
export interface DriverIndex {
  /** GEOADD + last-seen + live fan-out for a batch of positions, in one round trip. */
  upsert(positions: DriverPosition[]): Promise<void>
  nearby(
    center: LatLon,
    radiusMetres: number,
    limit: number,
  ): Promise<{ driverId: string; position: LatLon; distanceMetres: number }[]>
  /** Where a driver is, and when and heading where its phone took that fix; undefined when offline. */
  positionOf(driverId: string): Promise<{ position: LatLon; recordedAt: number; heading: number } | undefined>
  /** Takes drivers out of matching (offline, silent). */
  remove(driverIds: string[]): Promise<void>
  /** Drivers whose last position is older than `cutoff` (ms since the epoch). */
  silentSince(cutoff: number): Promise<string[]>
}

/** Location history (Kafka drivers.locations). */
export interface LocationHistory {
  append(positions: DriverPosition[]): Promise<void>
}

export interface PipelineOptions {
  /** Flush when this many positions wait... */
  maxBatch: number
  /** ...or when the oldest has waited this long. */
  lingerMs: number
}

/**
 * The single pipeline both ingest paths (MQTT and WebSocket) feed. Positions are batched for a
 * few milliseconds so that 10,000 fixes a second cost a few hundred Redis round trips and Kafka
 * produce requests, not 20,000. Each sink gets the batches one after another, so a driver's fixes
 * reach it in order, but the GEO index never waits for Kafka's acknowledgement (acks=all takes
 * longer than a Redis write). A fix older than the driver's last accepted one (a late QoS 1
 * redelivery) is dropped so the index never moves a driver backwards.
 */
export class IngestPipeline {
  private pending: DriverPosition[] = []
  private timer: NodeJS.Timeout | undefined
  private indexed: Promise<void> = Promise.resolve()
  private recorded: Promise<void> = Promise.resolve()
  private readonly newest = new Map<string, number>()
  readonly counters = { accepted: 0, stale: 0, written: 0, failed: 0 }

  constructor(
    private readonly index: DriverIndex,
    private readonly history: LocationHistory,
    private readonly logger: Logger,
    private readonly options: PipelineOptions = { maxBatch: 1000, lingerMs: 5 },
  ) {}

  accept(position: DriverPosition): void {
    const newest = this.newest.get(position.driverId) ?? 0
    if (position.recordedAt < newest) {
      this.counters.stale++
      return
    }
    this.newest.set(position.driverId, position.recordedAt)
    this.counters.accepted++
    this.pending.push(position)
    if (this.pending.length >= this.options.maxBatch) this.flushSoon(0)
    else if (!this.timer) this.flushSoon(this.options.lingerMs)
  }

  /** Forgets a driver that went offline, so its next session starts fresh. */
  forget(driverId: string): void {
    this.newest.delete(driverId)
  }

  /** Resolves once everything accepted so far is written to both sinks (or has failed). */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const batch = this.pending
    this.pending = []
    if (batch.length > 0) {
      this.indexed = this.indexed.then(() =>
        this.index.upsert(batch).then(
          () => {
            this.counters.written += batch.length
          },
          (error: unknown) => this.failed('GEO index', batch, error),
        ),
      )
      this.recorded = this.recorded.then(() =>
        this.history.append(batch).catch((error: unknown) => this.failed('location history', batch, error)),
      )
    }
    await Promise.all([this.indexed, this.recorded])
  }

  private flushSoon(delayMs: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), delayMs)
  }

  // A fix is superseded by the next one 4 s later, so a failed batch is logged and counted, not
  // retried: retrying would only delay the fresher positions queued behind it.
  private failed(sink: string, batch: DriverPosition[], error: unknown): void {
    this.counters.failed += batch.length
    this.logger.warn({ err: error, size: batch.length, sink }, 'position batch failed')
  }
}
