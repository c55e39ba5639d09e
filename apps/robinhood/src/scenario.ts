/**
 * The Robinhood scenario in one declaration: its services in start order, the infrastructure
 * they need, and the env each one gets. The kit boots it from this in every mode (./wired start
 * robinhood, the tests on real infra), and docker-compose.yml's `robinhood` profile sets the same keys.
 *
 *   market ──HSET prices:last / PUBLISH prices:ticks──▶ Redis ──▶ prices (WS JSON|protobuf, SSE) ──▶ page
 */
import { fileURLToPath } from 'node:url'
import { type Addresses, defineScenario } from '@wired/kit'

/** The page's origin as the browser names it: by IP and by `localhost`. */
export const pageOrigins = (at: Addresses, service: string) => {
  const port = at.port(service, 'http')
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`].join(',')
}

export const scenario = defineScenario({
  name: 'robinhood',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  env: () => ({
    DATABASE_CONNECTIONS: '3',
  }),
  services: [
    { name: 'market', env: () => ({ MARKET_TICKS_PER_SECOND: '10000' }) },
    {
      name: 'prices',
      public: true,
      listens: { http: 'HTTP_PORT' },
      env: (at) => ({ ALLOWED_ORIGINS: pageOrigins(at, 'prices') }),
    },
  ],
  urls: (at) => ({
    'markets page': `${at.http('prices')}/`,
    'price WebSocket': `ws://${at.host}:${at.port('prices', 'http')}/ws`,
    'SSE ticker': `${at.http('prices')}/v1/ticker`,
    'ticker widget': `${at.http('prices')}/ticker.html`,
  }),
})
