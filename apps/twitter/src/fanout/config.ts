import {
  type Env,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    /** The TimelineAdmin gRPC API (checksum, rebuild). */
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50074 }),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'twitter:'),
    usersAddress: readGrpcAddress(env, 'USERS_GRPC_ADDRESS', '127.0.0.1:50071'),
    postsAddress: readGrpcAddress(env, 'POSTS_GRPC_ADDRESS', '127.0.0.1:50072'),
    /** Authors with more followers than this are merged at read time instead of fanned out. */
    celebrityThreshold: readInt(env, 'CELEBRITY_THRESHOLD', { default: 1_000, min: 0 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type FanoutConfig = ReturnType<typeof loadConfig>
