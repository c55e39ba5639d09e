/**
 * The Netflix scenario in one declaration: its services in start order, the infrastructure they
 * need, and the env each one gets. The kit boots it from this in every mode (./wired start
 * netflix, the tests on real infra), and docker-compose.yml's `netflix` profile sets the same keys.
 *
 *   studio page ──REST upload──▶ api ──▶ Kafka netflix.uploaded ──▶ transcoder (ffmpeg) ──▶ netflix.transcoded
 *     ──▶ thumbnailer ──▶ netflix.thumbnailed ──▶ moderator ──▶ netflix.moderated ──▶ publisher ──▶ netflix.ready ──▶ notifier
 *   viewer page (hls.js) ──HTTP/2 + TLS──▶ edge (LRU cache) ──HTTP/2 + TLS──▶ origin ──▶ object store (disk)
 *   api ──gRPC──▶ recommendations (co-views, PostgreSQL)
 *   simulator ──REST──▶ api (sample upload, views, likes)   simulator ──HTTP/2 + TLS──▶ edge (N viewers)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineScenario } from '@wired/kit'
import { loadConfig as loadSimulatorConfig } from './simulator/config'
import { createService as createSimulator } from './simulator/service'

const HTTP = { http: 'HTTP_PORT' }

export const scenario = defineScenario({
  name: 'netflix',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka'],
  env: () => ({ DATABASE_CONNECTIONS: '2' }),
  // The object store: a scratch folder per run, removed on stop (compose mounts a volume instead).
  async beforeServices(context) {
    if (context.env.NETFLIX_DATA_DIR) return { stop: async () => undefined }
    const dir = await mkdtemp(join(tmpdir(), 'wired-netflix-'))
    return {
      env: { NETFLIX_DATA_DIR: dir },
      urls: { 'object store': dir },
      stop: () => rm(dir, { recursive: true, force: true }),
    }
  },
  services: [
    { name: 'origin', listens: HTTP },
    { name: 'recommendations', listens: { grpc: 'GRPC_PORT' } },
    // The api before the edge: with a base port (PORT=8080) the pages get it and the edge the next.
    {
      name: 'api',
      public: true,
      listens: HTTP,
      env: (at) => ({
        RECOMMENDATIONS_GRPC_ADDRESS: at.grpc('recommendations'),
        EDGE_PUBLIC_URL: at.http('edge').replace('http:', 'https:'),
      }),
    },
    {
      name: 'edge',
      public: true,
      listens: HTTP,
      env: (at) => ({ ORIGIN_URL: at.http('origin').replace('http:', 'https:') }),
    },
    { name: 'transcoder' },
    { name: 'thumbnailer' },
    { name: 'moderator' },
    { name: 'publisher' },
    { name: 'notifier' },
  ],
  /**
   * The viewer simulator (./wired start netflix; compose: netflix-simulator): uploads a sample
   * clip when nothing is ready, then SIM_VIEWERS viewers (default 5) watch through the edge, with
   * a progress line on stdout. SIM_* from the shell reach it: `SIM_VIEWERS=20 ./wired start netflix`.
   */
  async afterServices({ env, at, logger }) {
    const config = loadSimulatorConfig({
      SIM_PROGRESS_STDOUT: 'true',
      ...process.env,
      ...env,
      API_URL: at.http('api'),
      EDGE_URL: at.http('edge').replace('http:', 'https:'),
    })
    const simulator = createSimulator(config, { logger })
    await simulator.start()
    return {
      urls: { 'simulated viewers': `${config.viewers} at ${config.speedup}x (SIM_VIEWERS, SIM_SPEEDUP)` },
      stop: () => simulator.stop(),
    }
  },
  urls: (at) => ({
    'viewer page': at.http('api'),
    'studio page': `${at.http('api')}/studio.html`,
    'REST api': at.http('api'),
    edge: at.http('edge').replace('http:', 'https:'),
    'edge stats': `${at.http('edge').replace('http:', 'https:')}/stats`,
    origin: at.http('origin').replace('http:', 'https:'),
    'gRPC recommendations': at.grpc('recommendations'),
  }),
})
