import { randomBytes } from 'node:crypto'
import { createDatabase, dropDatabase } from '@wired/db'
import { deleteKafkaRunLeftovers, type RunMode, reservePort, resolveInfra } from '@wired/testkit'
import { startEmbedded } from '../../src/embedded'
import { ServiceProcesses } from './service-processes'

export interface RunningSystem {
  mode: RunMode
  /** Two gateway replicas: [A, B]. */
  gateways: { httpUrl: string; wsUrl: string }[]
  apiUrl: string
  /** The scenario's database (schemas wa_users, wa_messages, ...), for checking what was stored. */
  databaseUrl: string
  notificationAddress: string
  /** The message service's gRPC address, for tests that call it directly as a gateway would. */
  messageAddress: string
  /** Real mode only: the services as OS processes, to kill -9 one. */
  processes?: ServiceProcesses
  stop(): Promise<void>
}

/**
 * Boots the whole scenario for a test file. Embedded: startEmbedded() in this process. Real:
 * a fresh database (random name) on the real PostgreSQL, topics under a random prefix on the
 * real Kafka, the real Redis, and every service as its own process, so runs never collide.
 */
export async function bootSystem(mode: RunMode, options: BootOptions = {}): Promise<RunningSystem> {
  return mode === 'embedded' ? bootEmbedded() : bootReal(options)
}

export interface BootOptions {
  /** Real mode: extra environment for every service (the benchmark raises rate limits). */
  env?: Record<string, string>
  /** Real mode: extra node flags for every service, e.g. ['--cpu-prof'] to profile them under load. */
  nodeArgs?: string[]
}

async function bootEmbedded(): Promise<RunningSystem> {
  const system = await startEmbedded({ port: 0, seedDemo: false, logLevel: 'silent' })
  const url = (name: string) => system.urls[name]!
  return {
    mode: 'embedded',
    gateways: [
      { httpUrl: url('chat (gateway A)'), wsUrl: url('websocket A') },
      { httpUrl: url('chat (gateway B)'), wsUrl: url('websocket B') },
    ],
    apiUrl: url('rest api'),
    databaseUrl: url('postgres'),
    notificationAddress: url('grpc notification'),
    messageAddress: url('grpc message'),
    stop: () => system.stop(),
  }
}

async function bootReal(options: BootOptions): Promise<RunningSystem> {
  const infra = await resolveInfra(['kafka', 'redis', 'postgres'])
  const runId = randomBytes(4).toString('hex')
  const databaseName = `wa_test_${runId}`
  const databaseUrl = await createDatabase(infra.databaseUrl, databaseName)
  const topicPrefix = `test-${runId}.`
  const [users, message, notification, api, gatewayA, gatewayB] = await Promise.all([
    reservePort(),
    reservePort(),
    reservePort(),
    reservePort(),
    reservePort(),
    reservePort(),
  ])
  const host = '127.0.0.1'
  const apiUrl = `http://${host}:${api}`
  const origins = [gatewayA, gatewayB].map((port) => `http://${host}:${port}`).join(',')
  const common = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    REDIS_URL: infra.redisUrl,
    USERS_GRPC_ADDRESS: `${host}:${users}`,
    MESSAGE_GRPC_ADDRESS: `${host}:${message}`,
    NOTIFICATION_GRPC_ADDRESS: `${host}:${notification}`,
    API_PUBLIC_URL: apiUrl,
    ALLOWED_ORIGINS: origins,
    DATABASE_CONNECTIONS: '4',
    RATE_LIMIT_PER_MINUTE: '6000',
    LOG_LEVEL: 'info',
    ...options.env,
  }
  const nodeArgs = options.nodeArgs ?? []
  const gateway = (id: string, port: number) => ({
    entry: 'src/gateway/main.ts',
    env: { ...common, HTTP_PORT: String(port), GATEWAY_ID: id },
    nodeArgs,
  })
  const processes = new ServiceProcesses({
    users: { entry: 'src/users/main.ts', env: { ...common, GRPC_PORT: String(users) }, nodeArgs },
    message: { entry: 'src/message/main.ts', env: { ...common, GRPC_PORT: String(message) }, nodeArgs },
    notification: { entry: 'src/notification/main.ts', env: { ...common, GRPC_PORT: String(notification) }, nodeArgs },
    delivery: { entry: 'src/delivery/main.ts', env: common, nodeArgs },
    analytics: { entry: 'src/analytics/main.ts', env: common, nodeArgs },
    audit: { entry: 'src/audit/main.ts', env: common, nodeArgs },
    api: { entry: 'src/api/main.ts', env: { ...common, HTTP_PORT: String(api) }, nodeArgs },
    'gateway-a': gateway('gateway-a', gatewayA),
    'gateway-b': gateway('gateway-b', gatewayB),
  })
  const cleanUp = async () => {
    await processes.stopAll()
    await dropDatabase(infra.databaseUrl, databaseName).catch(() => {})
    await deleteKafkaRunLeftovers(infra.kafkaBrokers, topicPrefix).catch(() => {})
  }
  try {
    await processes.startAll()
  } catch (error) {
    await cleanUp()
    throw error
  }
  return {
    mode: 'real',
    gateways: [gatewayA, gatewayB].map((port) => ({
      httpUrl: `http://${host}:${port}`,
      wsUrl: `ws://${host}:${port}/ws`,
    })),
    apiUrl,
    databaseUrl,
    notificationAddress: `${host}:${notification}`,
    messageAddress: `${host}:${message}`,
    processes,
    stop: cleanUp,
  }
}
