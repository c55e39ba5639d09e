import { silentLogger } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import type { DriverPosition } from '../domain/position'
import { type DriverIndex, IngestPipeline, type LocationHistory } from './ingest-fixes'

const fix = (driverId: string, recordedAt: number): DriverPosition => ({
  driverId,
  position: { lat: 52.5, lon: 13.4 },
  heading: 0,
  speedMps: 0,
  recordedAt,
  receivedAt: recordedAt,
  available: true,
  source: 'mqtt',
})

function sinks(failing = { index: false }) {
  const indexed: DriverPosition[][] = []
  const recorded: DriverPosition[][] = []
  const index = {
    upsert: async (batch: DriverPosition[]) => {
      if (failing.index) throw new Error('redis down')
      indexed.push(batch)
    },
  } as unknown as DriverIndex
  const history: LocationHistory = { append: async (batch) => void recorded.push(batch) }
  return { index, history, indexed, recorded }
}

describe('IngestPipeline', () => {
  it('batches fixes for both sinks and drops a fix older than the driver’s last one', async () => {
    const { index, history, indexed, recorded } = sinks()
    const pipeline = new IngestPipeline(index, history, silentLogger, { maxBatch: 100, lingerMs: 1_000 })
    pipeline.accept(fix('a', 2))
    pipeline.accept(fix('a', 1)) // a late redelivery
    pipeline.accept(fix('b', 1))
    await pipeline.flush()
    expect(indexed).toEqual([[fix('a', 2), fix('b', 1)]])
    expect(recorded).toEqual(indexed)
    expect(pipeline.counters).toEqual({ accepted: 2, stale: 1, written: 2, failed: 0 })
  })

  it('flushes on its own when a batch is full', async () => {
    const { index, history, indexed } = sinks()
    const pipeline = new IngestPipeline(index, history, silentLogger, { maxBatch: 2, lingerMs: 60_000 })
    pipeline.accept(fix('a', 1))
    pipeline.accept(fix('b', 1))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(indexed).toHaveLength(1)
  })

  it('counts a failed write and keeps going', async () => {
    const failing = { index: true }
    const { index, history, indexed, recorded } = sinks(failing)
    const pipeline = new IngestPipeline(index, history, silentLogger)
    pipeline.accept(fix('a', 1))
    await pipeline.flush()
    expect(pipeline.counters).toMatchObject({ written: 0, failed: 1 })
    expect(recorded).toHaveLength(1)
    // Redis is back: the next batch is written, the pipeline did not stop at the failure.
    failing.index = false
    pipeline.accept(fix('a', 2))
    await pipeline.flush()
    expect(indexed).toEqual([[fix('a', 2)]])
    expect(pipeline.counters).toMatchObject({ written: 1, failed: 1 })
  })
})
