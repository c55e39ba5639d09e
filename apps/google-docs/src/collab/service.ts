import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { AppError, silentLogger } from '@wired/runtime'
import { ChannelRouter, createWsGateway, type RoutedSocket } from '@wired/ws'
import { type DocsPrincipal, principalOf, verifyAccessToken } from '../shared/access-token'
import { LIMITS } from '../shared/frames'
import { redisKeys } from '../shared/redis-keys'
import { createDocsTopics, docsTopics } from '../shared/topics'
import { AccessList } from './adapters/access-list'
import { DocumentLease } from './adapters/document-lease'
import { HeadStore } from './adapters/head-store'
import { OpLog } from './adapters/op-log'
import { PresenceBoard } from './adapters/presence-board'
import { ReplicaMailbox } from './adapters/replica-mailbox'
import type { CollabConfig } from './config'
import { editorSocket } from './entrypoints/editor.gateway'
import { buildCollabApp } from './entrypoints/http-app'
import { Leadership } from './use-cases/leadership'
import { submitOp } from './use-cases/submit-op'

/**
 * A collaboration replica: editors over WS (long polling when they cannot), viewers over SSE.
 * It leads the documents whose lease it holds and forwards ops for the others to their leader.
 */
export function createService(config: CollabConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const subscriber = redis.duplicate()
    shutdown.defer(() => subscriber.quit())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: config.replicaId })
    await createDocsTopics(eventLog, config.topicPrefix)

    const keys = redisKeys(config.redisKeyPrefix)
    const lease = new DocumentLease(redis, keys, config.replicaId, config.leaseMs)
    const heads = new HeadStore(redis, keys, config.historyWindow)
    const presence = new PresenceBoard(redis, keys)
    const leadership = new Leadership(
      lease,
      {
        lease,
        heads,
        opLog: new OpLog(eventLog, docsTopics(config.topicPrefix).ops),
        broadcast: async (docId, event) => void (await presence.publish(docId, event)),
        limits: {
          historyWindow: config.historyWindow,
          maxDocumentChars: LIMITS.maxDocumentChars,
          maxInsertChars: LIMITS.maxInsertChars,
        },
        logger,
      },
      config.leaseMs,
      logger,
    )
    shutdown.defer(() => leadership.stop())
    const mailbox = new ReplicaMailbox(
      redis,
      subscriber,
      keys,
      config.replicaId,
      Math.max(500, config.leaseMs / 2),
      logger,
    )
    await mailbox.open(async (docId, authorId, submission) => {
      // Only answer for documents led here; otherwise the sender looks for the leader again.
      const led = leadership.local(docId)
      if (!led) throw new AppError('UNAVAILABLE', 'not the leader of this document')
      return led.submit(authorId, submission)
    })

    const router = new ChannelRouter<RoutedSocket>(subscriber, keys.documentChannel)
    const socketDeps = {
      access: new AccessList(redis, keys),
      heads,
      presence,
      router,
      replicaId: config.replicaId,
      logger,
      // Patience covers a dead leader's lease running out plus one takeover.
      submit: (docId: string, authorId: string, submission: Parameters<typeof submitOp>[3]) =>
        submitOp({ leadership, mailbox, patienceMs: config.leaseMs * 2 + 2_000 }, docId, authorId, submission),
    }
    const app = await buildCollabApp({
      ...socketDeps,
      tokenSecret: config.tokenSecret,
      pollTimeoutMs: config.pollTimeoutMs,
      rateLimitPerMinute: config.rateLimitPerSecond * 60,
      page: { apiUrl: config.apiPublicUrl, replicaId: config.replicaId, pollTimeoutMs: config.pollTimeoutMs },
      wireCollectorUrl: config.wireCollectorUrl,
    })
    app.addReadinessCheck('redis', async () => void (await redis.get(keys.head('-'))))
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    const httpUrl = `http://${config.bindHost}:${port}`

    const gateway = createWsGateway<DocsPrincipal>({
      server: app.server,
      path: '/ws',
      // The token is checked in the HTTP upgrade: a bad one gets 401 and no socket ever opens.
      authenticate: async (token) => principalOf(verifyAccessToken(token, config.tokenSecret)),
      allowedOrigins:
        config.allowedOrigins === '*' ? '*' : [httpUrl, `http://localhost:${port}`, ...config.allowedOrigins],
      maxPayload: LIMITS.maxFrameBytes,
      rateLimit: { messages: config.rateLimitPerSecond, perMs: 1_000 },
      heartbeatMs: config.heartbeatMs,
      logger,
      onConnection: editorSocket(socketDeps),
    })
    // Before app.close(): sockets get 1001 and reconnect to the other replica.
    shutdown.defer(() => gateway.close())
    return { http: httpUrl, ws: `ws://${config.bindHost}:${port}/ws` }
  }, logger)
}
