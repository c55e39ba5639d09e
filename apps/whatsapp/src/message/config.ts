import { type Env, readInt, readList, readPort, readString, readUrl } from '@wired/runtime'

export interface MessageConfig {
  grpcHost: string
  grpcPort: number
  databaseUrl: string
  databaseSchema: string
  databaseConnections: number
  kafkaBrokers: string[]
  /** Empty in a deployment; a run id in tests and benchmarks sharing one broker. */
  topicPrefix: string
  /** host:port of the users service. */
  usersAddress: string
  /** How long a conversation's member list is reused before asking the users service again. */
  membersCacheMs: number
  logLevel: string
}

export function loadConfig(env: Env): MessageConfig {
  return {
    grpcHost: readString(env, 'GRPC_HOST', { default: '127.0.0.1' }),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50062 }),
    databaseUrl: readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] }),
    databaseSchema: readString(env, 'DATABASE_SCHEMA', { default: 'wa_messages' }),
    databaseConnections: readInt(env, 'DATABASE_CONNECTIONS', { default: 10, min: 1 }),
    kafkaBrokers: readList(env, 'KAFKA_BROKERS'),
    topicPrefix: readString(env, 'KAFKA_TOPIC_PREFIX', { default: '' }),
    usersAddress: readString(env, 'USERS_GRPC_ADDRESS', { default: '127.0.0.1:50061' }),
    membersCacheMs: readInt(env, 'MEMBERS_CACHE_MS', { default: 30_000, min: 0 }),
    logLevel: readString(env, 'LOG_LEVEL', { default: 'info' }),
  }
}
