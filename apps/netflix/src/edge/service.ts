import { createEdgeCache, createOriginClient, edgeRoutes, listenHttp2, loadOrCreateCertificate } from '@wired/edge'
import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { videoPathOf } from '../shared/media-types'
import type { EdgeConfig } from './config'

/**
 * The edge: an LRU cache tier in front of the origin, what players actually talk to. The cache,
 * the origin client and the HTTP/2 server are @wired/edge (Twitch's edge is the same code); what
 * is Netflix's is the path rule: `/videos/<id>/...` only, anything else 400 before the origin.
 */
export function createService(config: EdgeConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const tls = await loadOrCreateCertificate(config.dataDir, 'edge')
    const origin = createOriginClient(config.originUrl)
    shutdown.defer(() => origin.close())
    const cache = createEdgeCache({ maxBytes: config.cacheBytes, fetch: (key) => origin.fetch(key) })
    const server = await listenHttp2({
      tls,
      host: config.bindHost,
      port: config.httpPort,
      handle: edgeRoutes(cache, {
        keyOf: (path) => {
          const video = videoPathOf(path)
          return video && `/${video.key}`
        },
        invalidPath: { status: 400, code: 'INVALID_ARGUMENT', message: 'invalid media path' },
      }),
      logger,
    })
    shutdown.defer(() => server.stop())
    return { http: `https://${config.bindHost}:${server.port}` }
  }, logger)
}
