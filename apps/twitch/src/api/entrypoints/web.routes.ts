import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { serveWirePanel } from '@wired/http'
import type { FastifyInstance } from 'fastify'

const WEB_DIR = fileURLToPath(new URL('../../../web', import.meta.url))
const HLS_JS = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js')
/** Plain file names of the kinds a page is made of: no dot-files, no folders, nothing else leaves web/. */
const PAGE_FILE = /^\/(?:[a-z0-9][a-z0-9-]*\.(?:html|js|css|svg|ico|png))?$/

/**
 * The viewer (index.html) and streamer (streamer.html) pages, hls.js, and the wire panel. Scripts
 * only from this origin and no inline script: the pages show chat typed by strangers, and the
 * policy makes sure nothing shown can run. Video comes from the edge (another origin, https), and
 * the chat sockets go to the chat servers (other origins), so media-src and connect-src name them.
 */
export async function webRoutes(
  app: FastifyInstance,
  deps: { edgePublicUrl: string; chatUrls: string[]; wireCollectorUrl?: string },
) {
  const edge = origin(deps.edgePublicUrl)
  const chats = deps.chatUrls.map(origin).join(' ')
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // hls.js fetches playlists and segments with XHR/fetch and feeds MSE from blob: URLs.
    `connect-src 'self' ${edge} ${chats}`,
    `media-src 'self' blob: ${edge}`,
    "worker-src 'self' blob:",
    `img-src 'self' data: ${edge}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  await app.register(fastifyStatic, {
    root: WEB_DIR,
    index: ['index.html'],
    allowedPath: (path) => PAGE_FILE.test(path),
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff')
      if (path.endsWith('.html')) reply.header('content-security-policy', policy)
    },
  })
  // hls.js from the installed package, read once: the pages load nothing from elsewhere (and
  // static's allowedPath, which guards web/, would refuse a file from another root).
  const hlsJs = await readFile(HLS_JS)
  app.get('/vendor/hls.min.js', { config: { rateLimit: false } }, (_request, reply) =>
    reply.type('text/javascript').header('cache-control', 'public, max-age=3600').send(hlsJs),
  )
  serveWirePanel(app, deps.wireCollectorUrl)
}

/** `wss://host:port/chat` → `wss://host:port`, a CSP source. */
const origin = (url: string): string => {
  const parsed = new URL(url)
  return `${parsed.protocol}//${parsed.host}`
}
