import { type Env, readBindHost, readGrpcSecret, readInt, readLogLevel, readPort } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50163 }),
    /** Per mille of other cards declined at random (0 = none). */
    declinePerMille: readInt(env, 'PAYMENT_DECLINE_PER_MILLE', { default: 0, min: 0, max: 1000 }),
    /** How long `tok_timeout` takes: longer than the order service's deadline. */
    hangMs: readInt(env, 'PAYMENT_HANG_MS', { default: 3_000, min: 0 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type PaymentConfig = ReturnType<typeof loadConfig>
