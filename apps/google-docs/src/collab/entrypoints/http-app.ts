import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { bearerAuth, createHttpServer, serveWirePanel } from '@wired/http'
import type { Logger } from '@wired/runtime'
import { transform } from 'esbuild'
import type { FastifyInstance } from 'fastify'
import { principalOf, verifyAccessToken } from '../../shared/access-token'
import { LIMITS } from '../../shared/frames'
import type { EditorSocketDeps } from './editor.gateway'
import { longPollRoutes } from './long-poll.routes'
import { viewerEventsRoutes } from './viewer-events.routes'

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web')
const SHARED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared')
/** The client-side OT the page imports: the very files the server and the tests use, types stripped. */
const BROWSER_MODULES = ['text-op', 'editor-state']

export interface CollabAppDeps extends EditorSocketDeps {
  tokenSecret: string
  pollTimeoutMs: number
  logger: Logger
  rateLimitPerMinute: number
  page: { apiUrl: string; replicaId: string; pollTimeoutMs: number }
  wireCollectorUrl: string | undefined
}

/** Long polling, SSE, the editor page and its scripts; the WS gateway shares app.server. */
export async function buildCollabApp(deps: CollabAppDeps): Promise<FastifyInstance> {
  const app = createHttpServer({
    name: 'google-docs-collab',
    logger: deps.logger,
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
    // A long-poll op body carries at most a 64 KiB insert; a 1 MB paste is a 413 before parsing.
    bodyLimit: LIMITS.maxFrameBytes,
  })
  const auth = bearerAuth(async (token) => principalOf(verifyAccessToken(token, deps.tokenSecret)))
  longPollRoutes(app, deps, auth)
  viewerEventsRoutes(app, deps, auth)

  const scripts = new Map<string, string>()
  for (const name of BROWSER_MODULES) {
    const source = await readFile(resolve(SHARED_DIR, `${name}.ts`), 'utf8')
    scripts.set(name, (await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })).code)
  }
  app.get<{ Params: { name: string } }>('/shared/:name', { config: { rateLimit: false } }, async (request, reply) => {
    const code = scripts.get(request.params.name.replace(/\.js$/, ''))
    if (code === undefined)
      return reply.code(404).send({ data: null, errors: [{ code: 'NOT_FOUND', message: 'no such module' }] })
    return reply.type('text/javascript; charset=utf-8').send(code)
  })
  await app.register(fastifyStatic, { root: WEB_DIR, index: ['index.html'] })
  app.get('/config.json', { config: { rateLimit: false } }, async () => deps.page)
  serveWirePanel(app, deps.wireCollectorUrl)
  return app
}
