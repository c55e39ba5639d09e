import { randomBytes } from 'node:crypto'
import type { Logger } from '@wired/runtime'
import type { TickBatch } from '../../shared/market-feed'
import type { TickPublisher } from '../adapters/tick-publisher'
import type { RandomWalk } from '../domain/random-walk'

export interface MarketPace {
  ticksPerSecond: number
  batchIntervalMs: number
  progressEveryMs: number
  progressToStdout?: boolean
}

/**
 * The market's clock: every batch interval it makes as many ticks as the elapsed time is worth
 * at `ticksPerSecond` (so a late timer makes a bigger batch, not a slower market), folds them
 * into one TickBatch and publishes it. The epoch is new on every start, and seq counts from 1,
 * so a reader can tell a restarted market (new epoch) from a missed batch (a gap in seq).
 */
export function runMarket(walk: RandomWalk, publisher: TickPublisher, pace: MarketPace, logger: Logger) {
  const epoch = randomBytes(6).toString('base64url')
  let seq = 0
  let owed = 0
  let last = performance.now()
  let publishing = false
  const progress = { ticks: 0, batches: 0, since: performance.now() }

  async function publishDue(): Promise<void> {
    const now = performance.now()
    owed += ((now - last) * pace.ticksPerSecond) / 1000
    last = now
    // A publish still in flight (Redis slow): the ticks stay owed and go out in the next batch.
    if (publishing) return
    const count = Math.floor(owed)
    owed -= count
    const ticks = walk.step(count)
    seq += 1
    const batch: TickBatch = { epoch, seq, atMs: Date.now(), ticks }
    progress.ticks += count
    progress.batches += 1
    publishing = true
    try {
      await publisher.publish(batch)
    } catch (error) {
      logger.warn({ err: error, seq }, 'market: publishing a batch failed; its prices go out with later ticks')
    } finally {
      publishing = false
    }
  }

  const clock = setInterval(() => void publishDue(), pace.batchIntervalMs)
  const reporter = setInterval(() => {
    const seconds = (performance.now() - progress.since) / 1000
    const rates = {
      ticksPerSecond: Math.round(progress.ticks / seconds),
      batchesPerSecond: Math.round(progress.batches / seconds),
    }
    logger.info({ epoch, seq, ...rates }, 'market: ticks published')
    if (pace.progressToStdout)
      process.stdout.write(
        `market: ${rates.ticksPerSecond.toLocaleString('en')} ticks/s in ${rates.batchesPerSecond} batches/s (epoch ${epoch}, batch ${seq})\n`,
      )
    progress.ticks = 0
    progress.batches = 0
    progress.since = performance.now()
  }, pace.progressEveryMs)
  return {
    epoch,
    stop() {
      clearInterval(clock)
      clearInterval(reporter)
    },
  }
}
