import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { createWsGateway } from '@wired/ws'
import { connectUsers } from '../shared/clients'
import { consumerGroups, ensureTopics, twitterTopics } from '../shared/topics'
import { OnlineReaders, type Reader } from './adapters/online-readers'
import type { PushConfig } from './config'
import { consumeForPush } from './entrypoints/events.consumer'
import { pushSocket } from './entrypoints/push.gateway'

/** The push gateway: readers' WebSockets, fed by a Kafka consumer of posts, likes and follows. */
export function createService(config: PushConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitter-push' })
    const users = connectUsers(config.usersAddress, { name: 'push', secret: config.grpcSecret })
    shutdown.defer(() => users.close())
    const topics = twitterTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)

    const server = createServer((request, response) => {
      const healthy = request.url === '/healthz' || request.url === '/readyz'
      response.writeHead(healthy ? 200 : 404, { 'content-type': 'application/json' })
      response.end(
        healthy
          ? '{"data":{"status":"ok"},"errors":[]}'
          : '{"data":null,"errors":[{"code":"NOT_FOUND","message":"the socket is at /ws"}]}',
      )
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.httpPort, config.bindHost, resolve)
    })
    shutdown.defer(() => new Promise((resolve) => server.close(resolve)))
    const { port } = server.address() as AddressInfo

    const readers = new OnlineReaders()
    const consumer = await consumeForPush(
      eventLog,
      topics,
      consumerGroups(config.topicPrefix).push(config.instanceId),
      readers,
    )
    shutdown.defer(() => consumer.stop())
    const gateway = createWsGateway<Reader>({
      server,
      path: '/ws',
      // The token is checked in the HTTP upgrade: a bad one gets 401 and no socket opens.
      authenticate: async (token) => {
        const { user } = await users.authenticate({ token })
        return { userId: user!.userId }
      },
      allowedOrigins: config.allowedOrigins,
      maxPayload: 8 * 1024,
      rateLimit: { messages: 10, perMs: 1_000 },
      heartbeatMs: config.heartbeatMs,
      logger,
      onConnection: pushSocket(readers, users, logger),
    })
    shutdown.defer(() => gateway.close())
    return { http: `http://${config.bindHost}:${port}`, ws: `ws://${config.bindHost}:${port}/ws` }
  }, logger)
}
