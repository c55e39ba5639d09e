import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { listenHttp2 } from '../shared/h2-server'
import { loadOrCreateCertificate } from '../shared/tls'
import { createOriginClient } from './adapters/origin-client'
import { createEdgeCache } from './cache/edge-cache'
import type { EdgeConfig } from './config'
import { edgeRoutes } from './entrypoints/edge.routes'

/** The edge: an LRU cache tier in front of the origin, what players actually talk to. */
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
      handle: edgeRoutes(cache),
      logger,
    })
    shutdown.defer(() => server.stop())
    return { http: `https://${config.bindHost}:${server.port}` }
  }, logger)
}
