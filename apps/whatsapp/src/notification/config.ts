import { type Env, readBindHost, readGrpcSecret, readLogLevel, readPort, readServiceDatabase } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50063 }),
    database: readServiceDatabase(env, 'wa_notifications', 5),
    /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type NotificationConfig = ReturnType<typeof loadConfig>
