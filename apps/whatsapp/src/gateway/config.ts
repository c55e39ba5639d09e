import { hostname } from 'node:os'
import { type Env, readInt, readList, readPort, readString, readUrl } from '@wired/runtime'

export interface GatewayConfig {
  httpHost: string
  httpPort: number
  /** Names this replica in logs, in presence values and in the ready frame. */
  gatewayId: string
  redisUrl: string
  usersAddress: string
  messageAddress: string
  /** Where browsers reach the REST API (put in the page's config). */
  apiPublicUrl: string
  /** Extra browser origins allowed to open a socket; the gateway's own origin is always allowed. */
  allowedOrigins: string[]
  /** Frames per second per connection before the socket is closed with 1008. */
  rateLimitPerSecond: number
  /** Ping interval; a socket that misses one pong is dropped. Presence keys are refreshed as often. */
  heartbeatMs: number
  logLevel: string
}

export function loadConfig(env: Env): GatewayConfig {
  return {
    httpHost: readString(env, 'HTTP_HOST', { default: '127.0.0.1' }),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8080 }),
    gatewayId: readString(env, 'GATEWAY_ID', { default: `gateway-${hostname()}-${process.pid}` }),
    redisUrl: readUrl(env, 'REDIS_URL', { protocols: ['redis', 'rediss'] }),
    usersAddress: readString(env, 'USERS_GRPC_ADDRESS', { default: '127.0.0.1:50061' }),
    messageAddress: readString(env, 'MESSAGE_GRPC_ADDRESS', { default: '127.0.0.1:50062' }),
    apiPublicUrl: readUrl(env, 'API_PUBLIC_URL', { default: 'http://127.0.0.1:8081', protocols: ['http', 'https'] }),
    allowedOrigins: readList(env, 'ALLOWED_ORIGINS', { default: [] }),
    rateLimitPerSecond: readInt(env, 'RATE_LIMIT_PER_SECOND', { default: 50, min: 1 }),
    heartbeatMs: readInt(env, 'HEARTBEAT_MS', { default: 15_000, min: 100 }),
    logLevel: readString(env, 'LOG_LEVEL', { default: 'info' }),
  }
}
