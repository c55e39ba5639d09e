import { openServiceDatabase } from '@wired/db'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectRecommendations } from '../shared/clients'
import { sessionTokens } from '../shared/session-token'
import { ensureTopics, netflixTopics } from '../shared/topics'
import { EngagementRepository } from './adapters/engagement.repository'
import { VideoRepository } from './adapters/video.repository'
import type { ApiConfig } from './config'
import { buildApiApp } from './entrypoints/http-app'
import { consumeProgress } from './entrypoints/progress.consumer'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The REST api: uploads into the pipeline, the catalogue, engagement, and the two pages. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'netflix-api' })
    const topics = netflixTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const videos = new VideoRepository(pool)
    const progress = await consumeProgress(eventLog, topics, config.topicPrefix, videos, logger)
    shutdown.defer(() => progress.stop())
    const recommendations = connectRecommendations(config.recommendationsAddress, {
      name: 'api',
      secret: config.grpcSecret,
    })
    shutdown.defer(() => recommendations.close())
    const app = await buildApiApp({
      upload: { dataDir: config.dataDir, videos, eventLog, uploadedTopic: topics.uploaded },
      videos,
      engagement: new EngagementRepository(pool),
      recommendations,
      tokens: sessionTokens(config.grpcSecret),
      logger,
      maxUploadBytes: config.maxUploadBytes,
      rateLimitPerMinute: config.rateLimitPerMinute,
      edgeUrl: config.edgePublicUrl,
      wireCollectorUrl: config.wireCollectorUrl,
    })
    app.addReadinessCheck('postgres', async () => void (await pool.query('SELECT 1')))
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    return { http: `http://${config.bindHost}:${port}` }
  }, logger)
}
