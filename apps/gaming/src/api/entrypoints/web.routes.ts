import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { serveWirePanel } from '@wired/http'
import type { FastifyInstance } from 'fastify'
import type { GameEndpoints } from '../config'

const WEB_DIR = fileURLToPath(new URL('../../../web', import.meta.url))
/** Plain file names of the kinds a page is made of: no dot-files, no folders, nothing else leaves web/. */
const PAGE_FILE = /^\/(?:[a-z0-9][a-z0-9-]*\.(?:html|js|css|svg|ico|png))?$/

/**
 * The lobby (index.html) and the game (game.html) pages, and the wire panel. Scripts and styles only
 * from this origin, no inline script: the pages show names and chat typed by other players, and the
 * policy makes sure nothing shown can run. The game page opens WebSockets to the game server and
 * to the loss proxy, which are other origins (other ports), so connect-src names them.
 */
export async function webRoutes(app: FastifyInstance, deps: { endpoints: GameEndpoints; wireCollectorUrl?: string }) {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${origin(deps.endpoints.ws)} ${origin(deps.endpoints.netem.ws)}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  await app.register(fastifyStatic, {
    root: WEB_DIR,
    index: ['index.html'],
    allowedPath: (path) => PAGE_FILE.test(path),
    // The pages are a few small files that change with the code: no stale copies.
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff')
      if (path.endsWith('.html')) reply.header('content-security-policy', policy)
    },
  })
  serveWirePanel(app, deps.wireCollectorUrl)
}

/** `ws://host:port/play` → `ws://host:port`, a CSP source. */
const origin = (url: string): string => {
  const parsed = new URL(url)
  return `${parsed.protocol}//${parsed.host}`
}
