/**
 * The Google Docs scenario in one declaration: its services in start order, the infrastructure
 * they need, and the env each one gets. The kit boots it from this in every mode: all in one
 * process on twins (`./wired start google-docs`), one process each on real infra (tests), and
 * docker-compose.yml's `google-docs` profile sets the same keys.
 *
 *   page ──WS / long poll / SSE──▶ collab-a, collab-b ──Redis pub/sub──▶ each other (ops, presence, forwards)
 *   leader of a document ──Kafka googledocs.ops (acks -1)──▶ api history ──▶ PostgreSQL op log + snapshots
 *   page ──REST──▶ api (accounts, documents, sharing, versions) ──HSET access:<doc>──▶ Redis
 */
import { fileURLToPath } from 'node:url'
import { type Addresses, defineScenario } from '@wired/kit'
import { startSimulator } from './simulator/simulator'

const HTTP = { http: 'HTTP_PORT' }

/** A page's origin as the browser names it: by IP and by `localhost`. */
const origins = (at: Addresses, ...services: string[]) =>
  services.flatMap((service) => {
    const port = at.port(service, 'http')
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
  })

const collab = (id: string) => ({
  name: id,
  dir: 'collab',
  listens: HTTP,
  public: true,
  // In compose each replica is its own container (google-docs-collab-a / -b), reached through HAProxy.
  compose: { reach: { http: { service: 'google-docs-lb', port: 8080 } } },
  env: (at: Addresses) => ({ REPLICA_ID: id, API_PUBLIC_URL: at.http('api') }),
})

export const scenario = defineScenario({
  name: 'google-docs',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  env: () => ({ DATABASE_CONNECTIONS: '4' }),
  services: [
    {
      name: 'api',
      listens: HTTP,
      public: true,
      env: (at) => ({ ALLOWED_ORIGINS: origins(at, 'collab-a', 'collab-b').join(',') }),
    },
    // Two replicas, so a reader can open the page on each and watch one lead the document while
    // the other forwards to it, and kill the leader to watch the lease move.
    collab('collab-a'),
    collab('collab-b'),
  ],
  /** Three bot editors typing into a shared demo document (./wired start google-docs). */
  async afterServices({ at, logger }) {
    const simulator = await startSimulator({
      apiUrl: at.http('api'),
      collabUrls: [at.http('collab-a'), at.http('collab-b')],
      bots: 3,
      typeEveryMs: 1_200,
      logger,
    })
    return {
      urls: {
        'sign in as': `${simulator.handle} / ${simulator.password} (owner of "${simulator.title}"; any new handle signs up)`,
      },
      stop: () => simulator.stop(),
    }
  },
  urls: (at) => ({
    'editor page (collab A)': at.http('collab-a'),
    'editor page (collab B)': at.http('collab-b'),
    'REST api': at.http('api'),
    'websocket A': `ws://${at.host}:${at.port('collab-a', 'http')}/ws`,
    'websocket B': `ws://${at.host}:${at.port('collab-b', 'http')}/ws`,
  }),
})
