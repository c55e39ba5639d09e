import { createHttpServer } from '@wired/http'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { streamKeys } from '../shared/stream-key'
import { ensureTopics, twitchTopics } from '../shared/topics'
import { startHlsPackager } from './adapters/hls-packager'
import { startRtmpServer } from './adapters/rtmp-server'
import { StreamEventsPublisher } from './adapters/stream-events.publisher'
import type { IngestConfig } from './config'
import { controlRoutes } from './entrypoints/control.routes'
import { LiveStreams } from './use-cases/live-streams'

const WATCH_EVERY_MS = 250
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1:\d+$|^::1:\d+$/

/**
 * The ingest: RTMP in (node-media-server, stream-key check, one publisher per channel), live HLS
 * out (an ffmpeg per stream into the media dir), StreamStarted/StreamEnded on Kafka, and an
 * internal HTTP control the api uses to stop a stream.
 */
export function createService(config: IngestConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'twitch-ingest' })
    const topics = twitchTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    // The RTMP server needs the streams (admit, begin) and the streams need it (endPlayback).
    let rtmp: Awaited<ReturnType<typeof startRtmpServer>> | undefined
    const streams = new LiveStreams({
      keys: streamKeys(config.grpcSecret),
      mediaDir: config.mediaDir,
      idleTimeoutMs: config.idleTimeoutMs,
      playbackUrlOf: (streamKey) => `rtmp://127.0.0.1:${config.rtmpPort}/live/${streamKey}`,
      // ffmpeg's read gives up well after the idle timeout has ended the stream (see domain/live-hls.ts).
      startPackager: (inputUrl, outDir) =>
        startHlsPackager({ inputUrl, outDir, inputTimeoutMs: config.idleTimeoutMs + 10_000, logger }),
      endPlayback: (streamKey) => rtmp?.endPlayback(streamKey),
      events: new StreamEventsPublisher(eventLog, topics),
      logger,
    })
    rtmp = await startRtmpServer({
      host: config.bindHost,
      port: config.rtmpPort,
      onPublish: (publisher) => streams.admit(publisher),
      onAccepted: (publisher) => {
        streams.begin(publisher).catch((error) => logger.error({ err: error }, 'stream failed to start'))
      },
      mayPlay: (session) => LOOPBACK.test(session.ip),
    })
    shutdown.defer(() => rtmp?.close())
    // Stops before the RTMP server does: each ffmpeg is interrupted and closes its VOD while its
    // input is still there, and no ffmpeg outlives the service.
    shutdown.defer(() => streams.endAll())
    const watcher = setInterval(() => streams.watch(), WATCH_EVERY_MS)
    shutdown.defer(() => clearInterval(watcher))

    const app = createHttpServer({ name: 'twitch-ingest', logger, rateLimit: false })
    controlRoutes(app, streams)
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const httpPort = typeof address === 'object' && address ? address.port : config.httpPort
    return {
      http: `http://${config.bindHost}:${httpPort}`,
      rtmp: `rtmp://${config.bindHost}:${config.rtmpPort}/live`,
    }
  }, logger)
}
