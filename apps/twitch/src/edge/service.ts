import { createEdgeCache, createOriginClient, edgeRoutes, listenHttp2, loadOrCreateCertificate } from '@wired/edge'
import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { mediaKeyOf } from '../shared/media-paths'
import type { EdgeConfig } from './config'

/**
 * The edge: what viewers' players (hls.js) talk to, over HTTP/2 + TLS. The cache is Netflix's
 * (@wired/edge), and it honours the origin's max-age: a live playlist is refetched once a second
 * for all viewers, a segment once for ever. Only media paths go through (404 for anything else,
 * before the cache: a traversal attempt never costs the origin a request).
 */
export function createService(config: EdgeConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const tls = await loadOrCreateCertificate(config.mediaDir, 'edge')
    const origin = createOriginClient(config.originUrl)
    shutdown.defer(() => origin.close())
    const cache = createEdgeCache({ maxBytes: config.cacheBytes, fetch: (key) => origin.fetch(key) })
    const server = await listenHttp2({
      tls,
      host: config.bindHost,
      port: config.httpPort,
      handle: edgeRoutes(cache, {
        keyOf: (path) => {
          const key = mediaKeyOf(path)
          return key && `/${key}`
        },
        invalidPath: { status: 404, code: 'NOT_FOUND', message: 'no such media' },
      }),
      logger,
    })
    shutdown.defer(() => server.stop())
    return { http: `https://${config.bindHost}:${server.port}` }
  }, logger)
}
