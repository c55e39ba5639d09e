import {
  type Env,
  readGrpcAddress,
  readGrpcSecret,
  readKafkaBrokers,
  readLogLevel,
  readRedisUrl,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    redisUrl: readRedisUrl(env),
    notificationAddress: readGrpcAddress(env, 'NOTIFICATION_GRPC_ADDRESS', '127.0.0.1:50063'),
    /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type DeliveryConfig = ReturnType<typeof loadConfig>
