import { hostname } from 'node:os'
import { type Env, readEnum, readInt, readList, readOptionalString, readSecret, readString, readUrl } from './config'

/**
 * Readers for the settings every service of every scenario shares: where the infrastructure is,
 * where to listen, what to call this replica. Each service's config.ts picks the ones it needs,
 * so a service fails at boot naming the missing key and never reads a key it does not use.
 * The scenario kit sets the same keys in every run mode (embedded, native infra, compose).
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export const readLogLevel = (env: Env): string => readEnum(env, 'LOG_LEVEL', LOG_LEVELS, { default: 'info' })

/**
 * The address listeners bind to: loopback by default, so nothing is reachable from elsewhere by
 * accident; 0.0.0.0 in a container, where the other services arrive over the compose network.
 */
export const readBindHost = (env: Env): string => readString(env, 'BIND_HOST', { default: '127.0.0.1' })

/** Names this replica: per-replica consumer groups, MQTT session ids and gateway ids derive from it. */
export const readInstanceId = (env: Env): string => readString(env, 'INSTANCE_ID', { default: hostname() })

/** `host:port,host:port`. The embedded mode sets `embedded` and hands the service its twin instead. */
export const readKafkaBrokers = (env: Env): string[] => readList(env, 'KAFKA_BROKERS')

/**
 * Empty in a deployment. Test runs and benchmarks that share one broker set a run id here, so
 * their topics and committed offsets never mix with another run's.
 */
export const readTopicPrefix = (env: Env): string => readString(env, 'KAFKA_TOPIC_PREFIX', { default: '' })

export const readDatabaseUrl = (env: Env): string =>
  readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] })

export const readRedisUrl = (env: Env): string => readUrl(env, 'REDIS_URL', { protocols: ['redis', 'rediss'] })

/** Namespaces every key and channel, so two deployments (or test runs) can share one Redis. */
export const readRedisKeyPrefix = (env: Env, fallback: string): string =>
  readString(env, 'REDIS_KEY_PREFIX', { default: fallback })

export const readMqttUrl = (env: Env): string => readUrl(env, 'MQTT_URL', { protocols: ['mqtt', 'mqtts', 'ws'] })

/**
 * The deployment's secret for internal gRPC: callers sign their service name with it and servers
 * check the signature against each method's allow-list (@wired/grpc callers.ts). The kit makes a
 * random one per run; compose generates one on first start.
 */
export const readGrpcSecret = (env: Env): string => readSecret(env, 'GRPC_SECRET', { minLength: 32 })

/** `host:port` of another service's gRPC server, e.g. USERS_GRPC_ADDRESS. */
export const readGrpcAddress = (env: Env, key: string, fallback: string): string =>
  readString(env, key, { default: fallback })

/** Browser origins allowed on WebSockets and CORS; `*` only for local experiments and tests. */
export function readAllowedOrigins(env: Env, fallback: string[] = []): string[] | '*' {
  if (readOptionalString(env, 'ALLOWED_ORIGINS') === '*') return '*'
  return readList(env, 'ALLOWED_ORIGINS', { default: fallback })
}

export interface ServiceDatabaseConfig {
  url: string
  /** The service's own schema: its tables and its migration history (see openServiceDatabase). */
  schema: string
  /** Pool size of this service process. */
  connections: number
}

/** DATABASE_URL, DATABASE_SCHEMA (default: the service's own), DATABASE_CONNECTIONS. */
export const readServiceDatabase = (
  env: Env,
  defaultSchema: string,
  defaultConnections = 10,
): ServiceDatabaseConfig => ({
  url: readDatabaseUrl(env),
  schema: readString(env, 'DATABASE_SCHEMA', { default: defaultSchema }),
  connections: readInt(env, 'DATABASE_CONNECTIONS', { default: defaultConnections, min: 1 }),
})
