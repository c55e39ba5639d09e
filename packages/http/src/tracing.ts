import { endHop, extractHeaders, HOP, Hops, previewOf, type Span, TAG } from '@wired/wire'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's hop in the wire view, when recorded. */
    wireSpan?: Span
  }
}

const UNTRACED = /^\/(wire\/|healthz|readyz|livez)/

/**
 * Every request as a server hop, continuing the caller's trace from its `traceparent` header
 * (a page that wants an action traced sends one). The route handler runs inside the hop, so the
 * calls it makes (gRPC, SQL) are its children. Registered before any route is declared.
 */
export function installRequestHops(app: FastifyInstance): void {
  const hops = new Hops()
  if (!hops.on) return
  app.decorateRequest('wireSpan', undefined)
  app.addHook('onRequest', (request, _reply, done) => {
    // The panel's own polling and health probes are not what a learner came to watch.
    if (UNTRACED.test(request.url)) return done()
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '/'
    const parent = extractHeaders(request.headers)
    request.wireSpan = hops.start({
      kind: 'server',
      protocol: 'http',
      name: `${request.method} ${route}`,
      peer: 'browser',
      parent,
      bytes: Number(request.headers['content-length'] ?? 0),
      attributes: { [TAG.httpMethod]: request.method, [TAG.httpRoute]: route },
    })
    hops.within(request.wireSpan, parent, done)
  })
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.body !== undefined && request.wireSpan?.isRecording())
      request.wireSpan.setAttribute(HOP.payload, previewOf(request.body))
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode
    // A refused request (4xx) is marked too: in the panel, a learner sees which hop said no.
    endHop(request.wireSpan, status >= 400 ? new Error(`HTTP ${status}`) : undefined, { [TAG.httpStatus]: status })
    done()
  })
  // The body is read after onRequest, outside its context: the handler re-enters the hop.
  app.addHook('onRoute', (route) => {
    const handler = route.handler
    route.handler = function (this: FastifyInstance, request, reply) {
      return hops.within(request.wireSpan, undefined, () => handler.call(this, request, reply))
    }
  })
}
