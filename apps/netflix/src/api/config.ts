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
  readString,
  readTopicPrefix,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8090 }),
    database: readServiceDatabase(env, 'nf_catalog'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    dataDir: readString(env, 'NETFLIX_DATA_DIR'),
    recommendationsAddress: readGrpcAddress(env, 'RECOMMENDATIONS_GRPC_ADDRESS', '127.0.0.1:50091'),
    /** Where browsers reach the edge: the page's player loads every playlist and segment there. */
    edgePublicUrl: readString(env, 'EDGE_PUBLIC_URL', { default: 'https://127.0.0.1:8444' }),
    /** 50 MiB: a few minutes of 720p; the tests' clips are about 100 KiB. */
    maxUploadBytes: readInt(env, 'MAX_UPLOAD_BYTES', { default: 50 * 1024 * 1024, min: 1024 }),
    rateLimitPerMinute: readInt(env, 'RATE_LIMIT_PER_MINUTE', { default: 1_200, min: 1 }),
    grpcSecret: readGrpcSecret(env),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type ApiConfig = ReturnType<typeof loadConfig>
