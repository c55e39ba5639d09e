import { type Env, readInt, readList, readPort, readString, readUrl } from '@wired/runtime'

export interface ApiConfig {
  httpHost: string
  httpPort: number
  /** The base URL clients reach this service at; media URLs are built on it. Default http://127.0.0.1:<port>. */
  publicUrl: string | undefined
  /** Browser origins allowed to call the API (the gateway pages), for CORS; `http://host:*` allows any port. */
  allowedOrigins: string[]
  databaseUrl: string
  databaseSchema: string
  usersAddress: string
  messageAddress: string
  maxMediaBytes: number
  /** Requests per minute per client IP. */
  rateLimitPerMinute: number
  logLevel: string
}

export function loadConfig(env: Env): ApiConfig {
  return {
    httpHost: readString(env, 'HTTP_HOST', { default: '127.0.0.1' }),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8081 }),
    publicUrl: env.PUBLIC_URL ? readUrl(env, 'PUBLIC_URL', { protocols: ['http', 'https'] }) : undefined,
    allowedOrigins: readList(env, 'ALLOWED_ORIGINS', { default: ['http://127.0.0.1:8080', 'http://localhost:8080'] }),
    databaseUrl: readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] }),
    databaseSchema: readString(env, 'DATABASE_SCHEMA', { default: 'wa_api' }),
    usersAddress: readString(env, 'USERS_GRPC_ADDRESS', { default: '127.0.0.1:50061' }),
    messageAddress: readString(env, 'MESSAGE_GRPC_ADDRESS', { default: '127.0.0.1:50062' }),
    maxMediaBytes: readInt(env, 'MAX_MEDIA_BYTES', { default: 5 * 1024 * 1024, min: 1024 }),
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 1200, min: 1 }),
    logLevel: readString(env, 'LOG_LEVEL', { default: 'info' }),
  }
}
