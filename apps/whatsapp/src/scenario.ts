/**
 * The WhatsApp scenario in one declaration: its services in start order, the infrastructure
 * they need, and the env each one gets. The kit boots it from this in every mode: all in one
 * process on twins (`./wired start whatsapp`), one process each on real infra (tests), and
 * docker-compose.yml's `whatsapp` profile sets the same keys.
 *
 *   browser ──WS──▶ gateway-a / gateway-b ──gRPC──▶ message ──Kafka──▶ delivery ──Redis PUBLISH──▶ gateways
 *   browser ──REST──▶ api ──gRPC──▶ users, message        message, api, users ──▶ PostgreSQL (a schema each)
 */
import { fileURLToPath } from 'node:url'
import { type Addresses, defineScenario } from '@wired/kit'

const GRPC = { grpc: 'GRPC_PORT' }
const HTTP = { http: 'HTTP_PORT' }

/** A page's origin as the browser names it: by IP and by `localhost`. */
const origins = (at: Addresses, ...services: string[]) =>
  services.flatMap((service) => {
    const port = at.port(service, 'http')
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
  })

const gateway = (id: string) => ({
  name: id,
  dir: 'gateway',
  listens: HTTP,
  public: true,
  // In compose one scalable service runs every replica, reached through the load balancer.
  compose: { service: 'whatsapp-gateway', reach: { http: { service: 'whatsapp-lb', port: 8080 } } },
  env: (at: Addresses) => ({
    GATEWAY_ID: id,
    USERS_GRPC_ADDRESS: at.grpc('users'),
    MESSAGE_GRPC_ADDRESS: at.grpc('message'),
    API_PUBLIC_URL: at.http('api'),
  }),
})

export const scenario = defineScenario({
  name: 'whatsapp',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  services: [
    { name: 'users', listens: GRPC },
    { name: 'notification', listens: GRPC },
    {
      name: 'message',
      listens: GRPC,
      env: (at) => ({ USERS_GRPC_ADDRESS: at.grpc('users'), MEDIA_URL_PREFIX: `${at.http('api')}/v1/media/` }),
    },
    { name: 'delivery', env: (at) => ({ NOTIFICATION_GRPC_ADDRESS: at.grpc('notification') }) },
    { name: 'analytics' },
    { name: 'audit' },
    // Two gateway replicas, so a reader can sign in alice on one and bob on the other and
    // watch Redis pub/sub route between them.
    gateway('gateway-a'),
    gateway('gateway-b'),
    {
      name: 'api',
      listens: HTTP,
      public: true,
      env: (at) => ({
        USERS_GRPC_ADDRESS: at.grpc('users'),
        MESSAGE_GRPC_ADDRESS: at.grpc('message'),
        // The base of the media URLs it issues, which the message service accepts (MEDIA_URL_PREFIX).
        PUBLIC_URL: at.http('api'),
        ALLOWED_ORIGINS: origins(at, 'gateway-a', 'gateway-b').join(','),
      }),
    },
  ],
  urls: (at) => ({
    'chat (gateway A)': at.http('gateway-a'),
    'chat (gateway B)': at.http('gateway-b'),
    'websocket A': `ws://${at.host}:${at.port('gateway-a', 'http')}/ws`,
    'websocket B': `ws://${at.host}:${at.port('gateway-b', 'http')}/ws`,
    'rest api': at.http('api'),
    'grpc users': at.grpc('users'),
    'grpc message': at.grpc('message'),
    'grpc notification': at.grpc('notification'),
  }),
})
