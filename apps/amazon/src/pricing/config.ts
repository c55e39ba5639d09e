import { type Env, readBindHost, readGrpcSecret, readLogLevel, readPort } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50162 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type PricingConfig = ReturnType<typeof loadConfig>
