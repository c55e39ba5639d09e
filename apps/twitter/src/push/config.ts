import {
  type Env,
  readAllowedOrigins,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readInstanceId,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8091 }),
    /** Names this replica's Kafka consumer group: replicas must differ (each reads every record). */
    instanceId: readInstanceId(env),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    usersAddress: readGrpcAddress(env, 'USERS_GRPC_ADDRESS', '127.0.0.1:50071'),
    /** The page's origin (the api) may open sockets here; '*' for any. */
    allowedOrigins: readAllowedOrigins(env),
    heartbeatMs: readInt(env, 'HEARTBEAT_MS', { default: 15_000, min: 100 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type PushConfig = ReturnType<typeof loadConfig>
