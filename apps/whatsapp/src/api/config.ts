import {
  type Env,
  readAllowedOrigins,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readInt,
  readLogLevel,
  readOptionalString,
  readPort,
  readServiceDatabase,
  readUrl,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8082 }),
    /** The base URL clients reach this service at; media URLs are built on it. Default http://<bind host>:<port>. */
    publicUrl: readOptionalString(env, 'PUBLIC_URL') && readUrl(env, 'PUBLIC_URL', { protocols: ['http', 'https'] }),
    /** Browser origins allowed to call the API (the gateway pages), for CORS; `http://host:*` allows any port. */
    allowedOrigins: readAllowedOrigins(env, ['http://127.0.0.1:8080', 'http://localhost:8080']),
    database: readServiceDatabase(env, 'wa_api', 5),
    usersAddress: readGrpcAddress(env, 'USERS_GRPC_ADDRESS', '127.0.0.1:50061'),
    messageAddress: readGrpcAddress(env, 'MESSAGE_GRPC_ADDRESS', '127.0.0.1:50062'),
    maxMediaBytes: readInt(env, 'MAX_MEDIA_BYTES', { default: 5 * 1024 * 1024, min: 1024 }),
    /** Requests per minute per client IP. */
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 1200, min: 1 }),
    /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
