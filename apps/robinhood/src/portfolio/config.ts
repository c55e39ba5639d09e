import {
  type Env,
  readBindHost,
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
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50083 }),
    database: readServiceDatabase(env, 'rh_portfolio'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    /** What a new account starts with (simulated money): $100,000. */
    startingCashCents: readInt(env, 'STARTING_CASH_CENTS', { default: 10_000_000, min: 0 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type PortfolioConfig = ReturnType<typeof loadConfig>
