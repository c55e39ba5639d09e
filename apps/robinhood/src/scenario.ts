/**
 * The Robinhood scenario in one declaration: its services in start order, the infrastructure
 * they need, and the env each one gets. The kit boots it from this in every mode (./wired start
 * robinhood, the tests on real infra), and docker-compose.yml's `robinhood` profile sets the same keys.
 *
 *   market ──HSET prices:last / PUBLISH prices:ticks──▶ Redis ──▶ prices (WS JSON|protobuf, SSE) ──▶ pages
 *   page ──REST──▶ api ──gRPC──▶ orders ──gRPC──▶ risk (HGET prices:last), portfolio (hold buying power)
 *   orders ──outbox──▶ Kafka robinhood.orders ──▶ engine ──outbox──▶ Kafka robinhood.executions
 *                                     └─▶ compliance ◀──┘  └─▶ portfolio, orders (state), notifications
 */
import { fileURLToPath } from 'node:url'
import { type Addresses, defineScenario } from '@wired/kit'

/** The page's origin as the browser names it: by IP and by `localhost`. */
export const pageOrigins = (at: Addresses, service: string) => {
  const port = at.port(service, 'http')
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`].join(',')
}

const GRPC = { grpc: 'GRPC_PORT' }

export const scenario = defineScenario({
  name: 'robinhood',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  env: () => ({
    DATABASE_CONNECTIONS: '3',
  }),
  services: [
    { name: 'market', env: () => ({ MARKET_TICKS_PER_SECOND: '10000', MARKET_PROGRESS_STDOUT: 'true' }) },
    { name: 'risk', listens: GRPC },
    { name: 'portfolio', listens: GRPC },
    {
      name: 'orders',
      listens: GRPC,
      env: (at) => ({ RISK_GRPC_ADDRESS: at.grpc('risk'), PORTFOLIO_GRPC_ADDRESS: at.grpc('portfolio') }),
    },
    { name: 'engine' },
    { name: 'notifications' },
    // Reads everything and answers no one: one connection is enough.
    { name: 'compliance', env: () => ({ DATABASE_CONNECTIONS: '1' }) },
    {
      name: 'api',
      public: true,
      listens: { http: 'HTTP_PORT' },
      env: (at) => ({
        ORDERS_GRPC_ADDRESS: at.grpc('orders'),
        PORTFOLIO_GRPC_ADDRESS: at.grpc('portfolio'),
        PRICES_PUBLIC_URL: at.http('prices'),
      }),
    },
    {
      name: 'prices',
      public: true,
      listens: { http: 'HTTP_PORT' },
      env: (at) => ({ ALLOWED_ORIGINS: [pageOrigins(at, 'prices'), pageOrigins(at, 'api')].join(',') }),
    },
  ],
  urls: (at) => ({
    'trading page': at.http('api'),
    'REST api': at.http('api'),
    'markets page': `${at.http('prices')}/`,
    'gRPC orders': at.grpc('orders'),
    'gRPC risk': at.grpc('risk'),
    'gRPC portfolio': at.grpc('portfolio'),
    'price WebSocket': `ws://${at.host}:${at.port('prices', 'http')}/ws`,
    'SSE ticker': `${at.http('prices')}/v1/ticker`,
    'ticker widget': `${at.http('prices')}/ticker.html`,
  }),
})
