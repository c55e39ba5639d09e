import {
  ConfigError,
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
  readUrl,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50062 }),
    database: readServiceDatabase(env, 'wa_messages'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    usersAddress: readGrpcAddress(env, 'USERS_GRPC_ADDRESS', '127.0.0.1:50061'),
    /** How long a conversation's member list is reused before asking the users service again. */
    membersCacheMs: readInt(env, 'MEMBERS_CACHE_MS', { default: 30_000, min: 0 }),
    /** `<api public URL>/v1/media/`: a message's media must be a URL the media service issued. */
    mediaUrlPrefix: readMediaUrlPrefix(env),
    /** Signs this service's name on its gRPC calls and checks its callers' (shared/callers.ts). */
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

function readMediaUrlPrefix(env: Env): string {
  const prefix = readUrl(env, 'MEDIA_URL_PREFIX', { protocols: ['http', 'https'] })
  if (!prefix.endsWith('/v1/media/'))
    throw new ConfigError(`config: MEDIA_URL_PREFIX must end with /v1/media/ (got ${prefix})`)
  return new URL(prefix).href // normalised as the URLs it is compared with are
}

export type MessageConfig = ReturnType<typeof loadConfig>
