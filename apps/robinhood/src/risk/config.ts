import {
  type Env,
  readBindHost,
  readGrpcSecret,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50082 }),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'robinhood:'),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type RiskConfig = ReturnType<typeof loadConfig>
