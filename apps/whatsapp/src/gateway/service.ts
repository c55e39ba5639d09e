import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { ChannelRouter, createWsGateway, type GatewayConnection } from '@wired/ws'
import { connectMessages, connectUsers } from '../shared/clients'
import { ConversationDirectory } from '../shared/conversation-directory'
import { CLOSE_SESSION_EXPIRED, LIMITS } from '../shared/frames'
import { inboxChannel, SIGNED_OUT_CHANNEL } from '../shared/redis-keys'
import { hashToken } from '../shared/session-token'
import { MessageBatches } from './adapters/message-batches'
import { PresenceStore } from './adapters/presence-store'
import { SessionSockets } from './adapters/session-sockets'
import type { GatewayConfig } from './config'
import { type ChatPrincipal, chatSocket } from './entrypoints/chat.gateway'
import { loadWebClient, serveWebClient } from './entrypoints/web-client.routes'

/** The WebSocket gateway: holds client sockets, routes through Redis, calls the message service. */
export function createService(config: GatewayConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const subscriber = redis.duplicate()
    shutdown.defer(() => subscriber.quit())
    const caller = { name: 'gateway', secret: config.grpcSecret }
    const users = connectUsers(config.usersAddress, caller)
    const messages = connectMessages(config.messageAddress, caller)
    shutdown.defer(() => {
      users.close()
      messages.close()
    })

    const assets = await loadWebClient({ apiUrl: config.apiPublicUrl, gatewayId: config.gatewayId })
    const server = createServer(serveWebClient(assets, config.apiPublicUrl, config.wireCollectorUrl))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.httpPort, config.bindHost, resolve)
    })
    shutdown.defer(() => new Promise((resolve) => server.close(resolve)))
    const { port } = server.address() as AddressInfo
    const httpUrl = `http://${config.bindHost}:${port}`

    const router = new ChannelRouter<GatewayConnection<ChatPrincipal>>(subscriber, inboxChannel)
    // A sign-out elsewhere ends the sockets opened with that token here (SIGNED_OUT_CHANNEL).
    const sessions = new SessionSockets()
    subscriber.on('message', (channel, tokenHash) => {
      if (channel === SIGNED_OUT_CHANNEL) sessions.close(tokenHash, CLOSE_SESSION_EXPIRED, 'signed out')
    })
    await subscriber.subscribe(SIGNED_OUT_CHANNEL)
    const presence = new PresenceStore(redis, config.gatewayId)
    const gateway = createWsGateway<ChatPrincipal>({
      server,
      path: '/ws',
      // The token is checked in the HTTP upgrade: a bad one gets 401 and no socket ever opens.
      authenticate: async (token) => {
        const { user, expiresAtMs } = await users.authenticate({ token })
        return { userId: user!.userId, handle: user!.handle, expiresAtMs, tokenHash: hashToken(token) }
      },
      allowedOrigins:
        config.allowedOrigins === '*' ? '*' : [httpUrl, `http://localhost:${port}`, ...config.allowedOrigins],
      maxPayload: LIMITS.maxFrameBytes,
      // The sustained rate is what the ready frame announces; the bucket holds two seconds of it,
      // because frames a client sent a second apart can arrive together (a stalled gateway, a
      // proxy, TCP coalescing) and a paced client must not be closed for the network's bunching.
      rateLimit: { messages: config.rateLimitPerSecond * 2, perMs: 2_000 },
      heartbeatMs: config.heartbeatMs,
      logger,
      onConnection: chatSocket({
        gatewayId: config.gatewayId,
        framesPerSecond: config.rateLimitPerSecond,
        messages: new MessageBatches(messages),
        users,
        directory: new ConversationDirectory(users, 30_000),
        router,
        sessions,
        presence,
        redis,
        logger,
      }),
    })
    shutdown.defer(() => gateway.close())

    // Presence keys live PRESENCE_TTL_SECONDS; refreshing them every heartbeat keeps the users
    // of a live gateway online, and lets the users of a dead one expire.
    const refresh = setInterval(() => {
      presence.refresh(router.keys()).catch((error: unknown) => logger.warn({ err: error }, 'presence refresh failed'))
    }, config.heartbeatMs)
    refresh.unref()
    shutdown.defer(() => clearInterval(refresh))
    return { http: httpUrl, ws: `ws://${config.bindHost}:${port}/ws` }
  }, logger)
}
