import { listenHttp2, loadOrCreateCertificate } from '@wired/edge'
import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import type { OriginConfig } from './config'
import { mediaRoutes } from './entrypoints/media.routes'

/**
 * The origin: the media dir over HTTP/2 + TLS (@wired/edge's server, shared with Netflix). Only
 * the edge is meant to call it: one HTTP/2 session from the edge carries every viewer's misses.
 */
export function createService(config: OriginConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const tls = await loadOrCreateCertificate(config.mediaDir, 'origin')
    const server = await listenHttp2({
      tls,
      host: config.bindHost,
      port: config.httpPort,
      handle: mediaRoutes(config.mediaDir, { requests: 0 }),
      logger,
    })
    shutdown.defer(() => server.stop())
    return { http: `https://${config.bindHost}:${server.port}` }
  }, logger)
}
