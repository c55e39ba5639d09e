import { type Env, readBindHost, readGrpcSecret, readLogLevel, readPort, readServiceDatabase } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50091 }),
    database: readServiceDatabase(env, 'nf_recommendations'),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type RecommendationsConfig = ReturnType<typeof loadConfig>
