import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../src/simulator/config'
import { createService } from '../src/simulator/service'
import { Http2Client } from './support/http2-get'
import { bootNetflix, type RunningNetflix } from './support/system'

/**
 * The viewer simulator from outside: booted with the scenario (its afterServices extra; compose:
 * the netflix-simulator container), it uploads one sample clip that becomes ready once; a second
 * simulator started on the same system (a restart) uploads nothing more, and its viewers show up
 * as hits in the edge's own /stats.
 */
describe.each(runModes())('netflix simulator (%s)', (mode) => {
  let system: RunningNetflix
  let edge: Http2Client
  let studio: string

  const sampleVideos = async () => (await system.call('GET', '/v1/me/videos', { token: studio })).body.data
  const edgeStats = async () => JSON.parse((await edge.get('/stats')).body.toString()).data

  beforeAll(async () => {
    // Small and fast: 2 viewers at 50x, a 4 s clip. The extra reads SIM_* from the shell's env.
    for (const [key, value] of Object.entries(SMALL)) vi.stubEnv(key, value)
    system = await bootNetflix(mode, { extras: true })
    edge = new Http2Client(system.edge)
    studio = await system.signIn('sim-studio')
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    edge?.close()
    await system?.stop()
  })

  it('uploads one sample clip when nothing is ready, once even across a restart, and its viewers hit the edge', async () => {
    await waitFor(async () => (await sampleVideos()).length > 0, {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: 'the sample uploaded',
    })
    const before = await edgeStats()
    // A restart, while the sample may still be in the pipeline or already ready: either way, no second upload.
    const restarted = createService(
      loadConfig({ ...SMALL, API_URL: system.api, EDGE_URL: system.edge, LOG_LEVEL: 'silent' }),
    )
    await restarted.start()
    try {
      const [sample] = await waitFor(
        async () => {
          const videos = await sampleVideos()
          return videos[0]?.state === 'ready' ? videos : undefined
        },
        { timeoutMs: 60_000, intervalMs: 250, what: 'the sample ready' },
      )
      expect(sample.readyTransitions).toBe(1)
      const stats = await waitFor(
        async () => {
          const now = await edgeStats()
          return now.hits - before.hits >= 10 ? now : undefined
        },
        { timeoutMs: 30_000, intervalMs: 250, what: 'edge hits from the simulated viewers' },
      )
      // Hits, not a ratio: on a cold edge (compose runs this file first) two viewers on two
      // renditions miss as often as they hit; the 50-viewer test in video.test.ts measures the ratio.
      expect(stats.hits - before.hits).toBeGreaterThanOrEqual(10)
    } finally {
      await restarted.stop()
    }
    expect(await sampleVideos()).toHaveLength(1)
  }, 120_000)
})

const SMALL = {
  SIM_VIEWERS: '2',
  SIM_SPEEDUP: '50',
  SIM_SAMPLE_SECONDS: '4',
  SIM_PROGRESS_MS: '500',
  SIM_PROGRESS_STDOUT: 'false',
}
