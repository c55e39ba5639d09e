import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { chatRedisKeys } from '../shared/chat-redis-keys'
import { streamKeys } from '../shared/stream-key'
import { consumerGroups, ensureTopics, twitchTopics } from '../shared/topics'
import { userTokens } from '../shared/user-token'
import { AnalyticsReader } from './adapters/analytics.reader'
import { ClipRepository } from './adapters/clip.repository'
import { ClipJobsPublisher } from './adapters/clip-jobs.publisher'
import { ingestClient } from './adapters/ingest.client'
import { StreamRepository } from './adapters/stream.repository'
import { UserRepository } from './adapters/user.repository'
import type { ApiConfig } from './config'
import { consumeClipResults } from './entrypoints/clip-results.consumer'
import { buildApiApp } from './entrypoints/http-app'
import { consumeStreamEvents } from './entrypoints/stream-events.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The api: users, stream keys, the live list and stream info (from Kafka), stop, clips, and the pages. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitch-api' })
    const topics = twitchTopics(config.topicPrefix)
    const groups = consumerGroups(config.topicPrefix)
    await ensureTopics(eventLog, topics)

    const streams = new StreamRepository(pool)
    const clips = new ClipRepository(pool)
    const streamEvents = await consumeStreamEvents(eventLog, topics.streamEvents, groups.apiStreams, {
      streams,
      logger,
    })
    shutdown.defer(() => streamEvents.stop())
    const clipResults = await consumeClipResults(eventLog, topics.clipResults, groups.apiClips, clips)
    shutdown.defer(() => clipResults.stop())

    const app = await buildApiApp({
      users: new UserRepository(pool),
      streams,
      clips,
      jobs: new ClipJobsPublisher(eventLog, topics),
      streamKeys: streamKeys(config.sharedSecret),
      tokens: userTokens(config.sharedSecret),
      ingest: ingestClient(config.ingestControlUrl),
      analytics: new AnalyticsReader(pool, config.analyticsSchema),
      redis,
      chatKeys: chatRedisKeys(config.redisKeyPrefix),
      logger,
      config,
    })
    app.addReadinessCheck('postgres', async () => {
      await pool.query('SELECT 1')
    })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    return { http: `http://${config.bindHost}:${port}` }
  }, logger)
}
