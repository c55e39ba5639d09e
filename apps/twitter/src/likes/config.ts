import {
  type Env,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readServiceDatabase,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50073 }),
    database: readServiceDatabase(env, 'tw_likes'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    postsAddress: readGrpcAddress(env, 'POSTS_GRPC_ADDRESS', '127.0.0.1:50072'),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type LikesConfig = ReturnType<typeof loadConfig>
