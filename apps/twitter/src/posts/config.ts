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
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50072 }),
    database: readServiceDatabase(env, 'tw_posts'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    /** How often the outbox looks for posts Kafka has not acknowledged. */
    outboxSweepMs: readInt(env, 'OUTBOX_SWEEP_MS', { default: 2_000, min: 50 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type PostsConfig = ReturnType<typeof loadConfig>
