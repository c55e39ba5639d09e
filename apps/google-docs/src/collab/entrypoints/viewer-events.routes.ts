import { requirePrincipal } from '@wired/http'
import { AppError, toAppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { DocsPrincipal } from '../../shared/access-token'
import { joinDocument } from '../use-cases/join-document'
import type { EditorSocketDeps } from './editor.gateway'

const KEEPALIVE_MS = 15_000

/**
 * Read-only followers over Server-Sent Events: one long HTTP response of `event:` / `data:`
 * lines, one-way, through any proxy that passes HTTP. Each op's `id:` is its revision, so a
 * client that reconnects with `Last-Event-ID` (or `?after=`) gets exactly what it missed. The page
 * reads the stream with fetch() so the token travels in a header, never in the URL.
 */
export function viewerEventsRoutes(
  app: FastifyInstance,
  deps: EditorSocketDeps,
  auth: preHandlerAsyncHookHandler,
): void {
  app.get<{ Params: { docId: string }; Querystring: { after?: string } }>(
    '/v1/documents/:docId/events',
    { preHandler: auth, config: { rateLimit: false } },
    async (request, reply) => {
      const { docId } = request.params
      const user = requirePrincipal(request) as DocsPrincipal
      const resumeFrom = request.headers['last-event-id'] ?? request.query.after
      if (resumeFrom !== undefined && !/^\d{1,15}$/.test(String(resumeFrom)))
        throw new AppError('INVALID_ARGUMENT', 'after / Last-Event-ID must be a revision number')
      const write = (event: string, data: string, id?: number) =>
        reply.raw.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`)
      const event = (frame: string) => {
        const type = /^\{"type":"(\w+)"/.exec(frame)?.[1] ?? 'message'
        const revision = type === 'op' ? Number(/"revision":(\d+)/.exec(frame)?.[1]) : undefined
        return write(type, frame, revision)
      }
      // Events the channel delivers before the headers and `ready` are out wait here (the
      // SUBSCRIBE happens first on purpose, so nothing falls between the head read and the stream).
      const early: string[] = []
      let live = false
      const reader = {
        sendEncoded: (frame: string) => {
          if (live) return event(frame)
          early.push(frame)
          return true
        },
      }
      // Joining first: a refusal is still an ordinary JSON error response, not a broken stream.
      const ready = await joinDocument(deps, docId, user, 'sse', reader)
      reply.hijack()
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      write('ready', JSON.stringify(ready))
      live = true
      for (const frame of early.splice(0)) event(frame)
      if (resumeFrom !== undefined) {
        try {
          for (const op of await deps.heads.since(docId, Number(resumeFrom)))
            write('op', JSON.stringify({ type: 'op', ...op }), op.revision)
        } catch (error) {
          const { code, message } = toAppError(error)
          write('error', JSON.stringify({ type: 'error', code, message }))
        }
      }
      const keepalive = setInterval(() => reply.raw.write(': keepalive\n\n'), KEEPALIVE_MS)
      request.raw.once('close', () => {
        clearInterval(keepalive)
        void deps.router
          .detach(docId, reader)
          .then(() => deps.presence.leave(docId, ready.sessionId))
          .catch((error: unknown) => deps.logger.warn({ err: error, docId }, 'viewer leaving failed'))
      })
    },
  )
}
