import { listenHttp2, loadOrCreateCertificate } from '@wired/edge'
import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import type { OriginConfig } from './config'
import { mediaRoutes } from './entrypoints/media.routes'

/** The origin: the object store's videos over HTTP/2 + TLS. Only the edge is meant to call it. */
export function createService(config: OriginConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const tls = await loadOrCreateCertificate(config.dataDir, 'origin')
    const server = await listenHttp2({
      tls,
      host: config.bindHost,
      port: config.httpPort,
      handle: mediaRoutes(config.dataDir, { requests: 0 }),
      logger,
    })
    shutdown.defer(() => server.stop())
    return { http: `https://${config.bindHost}:${server.port}` }
  }, logger)
}
