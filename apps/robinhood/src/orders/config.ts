import {
  type Env,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readServiceDatabase,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50081 }),
    database: readServiceDatabase(env, 'rh_orders'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    riskAddress: readGrpcAddress(env, 'RISK_GRPC_ADDRESS', '127.0.0.1:50082'),
    portfolioAddress: readGrpcAddress(env, 'PORTFOLIO_GRPC_ADDRESS', '127.0.0.1:50083'),
    /** How often the outbox relay looks for rows a kick missed. */
    outboxPollMs: readInt(env, 'OUTBOX_POLL_MS', { default: 1_000, min: 50 }),
    /** An order NEW for longer than this lost its request mid-way; its hold is released. */
    stuckOrderGraceMs: readInt(env, 'STUCK_ORDER_GRACE_MS', { default: 15_000, min: 1_000 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type OrdersConfig = ReturnType<typeof loadConfig>
