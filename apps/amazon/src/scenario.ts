/**
 * The Amazon scenario in one declaration: its services in start order, the infrastructure they
 * need, and the env each one gets. The kit boots it from this in every mode (./wired start
 * amazon, the tests on real infra), and docker-compose.yml's `amazon` profile sets the same keys.
 *
 *   shop page ──REST──▶ api ◀──GraphQL── explorer / mobile     (catalogue in PostgreSQL, full-text search)
 *   api ──gRPC──▶ orders ──gRPC──▶ pricing (quote), inventory (Redis Lua reserve / confirm → PostgreSQL sales),
 *                                  payment (simulated: declines, timeouts)
 *   orders ──outbox──▶ Kafka amazon.orders ──▶ fulfilment service: fulfilment, shipping, notification groups
 *   simulator (SIM_SHOPPERS shoppers) ──REST, GraphQL──▶ api, as the shop page and the mobile page do
 */
import { fileURLToPath } from 'node:url'
import { defineScenario } from '@wired/kit'

const GRPC = { grpc: 'GRPC_PORT' }

export const scenario = defineScenario({
  name: 'amazon',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  env: () => ({ DATABASE_CONNECTIONS: '4' }),
  services: [
    { name: 'pricing', listens: GRPC },
    { name: 'payment', listens: GRPC },
    { name: 'inventory', listens: GRPC },
    {
      name: 'orders',
      listens: GRPC,
      env: (at) => ({
        INVENTORY_GRPC_ADDRESS: at.grpc('inventory'),
        PRICING_GRPC_ADDRESS: at.grpc('pricing'),
        PAYMENT_GRPC_ADDRESS: at.grpc('payment'),
      }),
    },
    { name: 'fulfilment', env: () => ({ DATABASE_CONNECTIONS: '2' }) },
    {
      name: 'api',
      public: true,
      listens: { http: 'HTTP_PORT' },
      env: (at) => ({ ORDERS_GRPC_ADDRESS: at.grpc('orders'), INVENTORY_GRPC_ADDRESS: at.grpc('inventory') }),
    },
    // Shoppers, so the shop has traffic without anyone clicking. The progress line goes to stdout
    // because ./wired start logs at warn; the test suites boot with SIM_SHOPPERS=0 (test/support).
    { name: 'simulator', env: (at) => ({ API_URL: at.http('api'), SIM_PROGRESS_STDOUT: 'true' }) },
  ],
  urls: (at) => ({
    'shop page': at.http('api'),
    'REST api': at.http('api'),
    'GraphQL endpoint': `${at.http('api')}/graphql`,
    'GraphQL explorer': `${at.http('api')}/explorer.html`,
    'gRPC orders': at.grpc('orders'),
    'gRPC inventory': at.grpc('inventory'),
  }),
})
