import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRedis, type RedisClient } from '@wired/redis'
import { type Logger, silentLogger } from '@wired/runtime'
import { createWsGateway, type GatewayConnection } from '@wired/ws'
import { connectMessages, connectUsers } from '../shared/clients'
import { ConversationDirectory } from '../shared/conversation-directory'
import { LIMITS } from '../shared/frames'
import { type Service, Shutdown } from '../shared/service'
import { InboxRouter } from './adapters/inbox-router'
import { MessageBatches } from './adapters/message-batches'
import { PresenceStore } from './adapters/presence-store'
import type { GatewayConfig } from './config'
import { type ChatPrincipal, chatSocket } from './entrypoints/chat-socket'
import { loadWebClient, serveWebClient } from './entrypoints/web-client'

export interface GatewayDeps {
  logger?: Logger
  /** Embedded mode passes a MemoryRedis; each gateway still takes a second connection for SUBSCRIBE. */
  redis?: RedisClient
}

/** The WebSocket gateway: holds client sockets, routes through Redis, calls the message service. */
export function createGatewayService(
  config: GatewayConfig,
  deps: GatewayDeps = {},
): Service<{ httpUrl: string; wsUrl: string }> {
  const logger = deps.logger ?? silentLogger
  const shutdown = new Shutdown(logger)
  return {
    async start() {
      // Auto-pipelining: commands issued in the same tick (a group's PUBLISHes) leave in one write.
      const redis = deps.redis ?? createRedis(config.redisUrl, { enableAutoPipelining: true })
      if (!deps.redis) shutdown.defer(() => redis.quit())
      const subscriber = redis.duplicate()
      shutdown.defer(() => subscriber.quit())
      const users = connectUsers(config.usersAddress)
      const messages = connectMessages(config.messageAddress)
      shutdown.defer(() => {
        users.close()
        messages.close()
      })

      const assets = await loadWebClient({ apiUrl: config.apiPublicUrl, gatewayId: config.gatewayId })
      const server = createServer(serveWebClient(assets, config.apiPublicUrl))
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.httpPort, config.httpHost, resolve)
      })
      shutdown.defer(() => new Promise((resolve) => server.close(resolve)))
      const { port } = server.address() as AddressInfo
      const httpUrl = `http://${config.httpHost}:${port}`

      const router = new InboxRouter<GatewayConnection<ChatPrincipal>>(subscriber)
      const presence = new PresenceStore(redis, config.gatewayId)
      const gateway = createWsGateway<ChatPrincipal>({
        server,
        path: '/ws',
        // The token is checked in the HTTP upgrade: a bad one gets 401 and no socket ever opens.
        authenticate: async (token) => {
          const { user } = await users.authenticate({ token })
          return { userId: user!.userId, handle: user!.handle }
        },
        allowedOrigins: [httpUrl, `http://localhost:${port}`, ...config.allowedOrigins],
        maxPayload: LIMITS.maxFrameBytes,
        rateLimit: { messages: config.rateLimitPerSecond, perMs: 1_000 },
        heartbeatMs: config.heartbeatMs,
        logger,
        onConnection: chatSocket({
          gatewayId: config.gatewayId,
          messages: new MessageBatches(messages),
          users,
          directory: new ConversationDirectory(users, 30_000),
          router,
          presence,
          redis,
          logger,
        }),
      })
      shutdown.defer(() => gateway.close())

      // Presence keys live PRESENCE_TTL_SECONDS; refreshing them every heartbeat keeps the users
      // of a live gateway online, and lets the users of a dead one expire.
      const refresh = setInterval(() => {
        presence
          .refresh(router.users())
          .catch((error: unknown) => logger.warn({ err: error }, 'presence refresh failed'))
      }, config.heartbeatMs)
      refresh.unref()
      shutdown.defer(() => clearInterval(refresh))

      logger.info({ httpUrl, gatewayId: config.gatewayId }, 'gateway listening')
      return { httpUrl, wsUrl: `ws://${config.httpHost}:${port}/ws` }
    },
    stop: () => shutdown.run(),
  }
}
