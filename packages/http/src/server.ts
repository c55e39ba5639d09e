import rateLimit from '@fastify/rate-limit'
import { AppError, createLogger, type Logger } from '@wired/runtime'
import Fastify, { type FastifyInstance, type onRequestAsyncHookHandler } from 'fastify'
import { installErrorHandling } from './error-handler'
import { installHealthRoutes } from './health'
import { captureIdempotentResponses } from './idempotency'
import { installRequestHops } from './tracing'
import { strictValidators } from './validation'

export interface HttpServerOptions {
  /** Service name, used for the default logger. */
  name: string
  /** Default: createLogger(name) (pino JSON on stdout). Tests pass silentLogger. */
  logger?: Logger
  /** Largest accepted request body in bytes; larger → 413 PAYLOAD_TOO_LARGE. Default 1 MiB. */
  bodyLimit?: number
  /**
   * Requests per client IP per window, via @fastify/rate-limit; past it → 429 RATE_LIMITED with
   * Retry-After. Default { max: 1000, timeWindowMs: 60_000 } (the plugin's default). The counter
   * lives in process memory: with several replicas each allows `max`. `false` disables it.
   */
  rateLimit?: { max: number; timeWindowMs: number } | false
  /** Trust X-Forwarded-For for request.ip (only behind a proxy you run). Default false. */
  trustProxy?: boolean
  /**
   * How long `app.close()` lets open requests run before it cuts every connection still open.
   * Default 2,000 ms.
   */
  closeGraceMs?: number
  /**
   * Serve HTTP/2 without TLS (h2c, "prior knowledge"): for service-to-service calls and
   * load tests. Browsers only speak HTTP/2 over TLS, which a proxy in front would terminate.
   * Default false (HTTP/1.1).
   */
  http2?: boolean
}

/**
 * Builds the app without listening (fastify/demo's split): tests call `app.inject()` or
 * `app.listen({ port: 0 })`; main.ts calls listen with the configured port and `app.close()`
 * on SIGTERM (in-flight requests get `closeGraceMs` to finish; new ones get 503 while closing).
 *
 * Routes can be declared right after this call; everything applies to them.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const loggerInstance = options.logger ?? createLogger(options.name)
  const common = {
    loggerInstance,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Bodies are validated as sent: a wrong type or an unknown field is a 400, never coerced or dropped.
    schemaController: { compilersFactory: { buildValidator: strictValidators() } },
  }
  // The HTTP/2 instance differs from the HTTP/1.1 one only in its raw request/response types,
  // which nothing in this package touches; one public type keeps route code identical for both.
  const app = (options.http2 ? Fastify({ ...common, http2: true }) : Fastify(common)) as unknown as FastifyInstance

  app.decorateRequest('principal', null)
  installRequestHops(app)
  installErrorHandling(app)
  captureIdempotentResponses(app)
  if (options.rateLimit !== false) installRateLimit(app, options.rateLimit ?? { max: 1000, timeWindowMs: 60_000 })
  installHealthRoutes(app)
  cutConnectionsAfterGrace(app, options.closeGraceMs ?? 2_000)
  return app
}

/**
 * close() stops accepting, closes idle keep-alive sockets and waits for the requests in flight.
 * A request that never ends on its own (an SSE stream, a long poll, a keep-alive socket whose
 * client vanished) would hold it for the whole keep-alive timeout, over a minute: a service that
 * takes that long to stop holds up Ctrl-C, a rolling restart and every test's teardown. So
 * in-flight requests get a grace period, then every connection still open is cut.
 */
function cutConnectionsAfterGrace(app: FastifyInstance, graceMs: number): void {
  app.addHook('preClose', (done) => {
    // HTTP/2 servers have no closeAllConnections; fastify closes their sessions itself.
    const server = app.server as { closeAllConnections?: () => void }
    setTimeout(() => server.closeAllConnections?.(), graceMs).unref()
    done()
  })
}

/**
 * The plugin's own `global: true` mode attaches its hook in `onRoute`, which only sees routes
 * declared after the (asynchronous) plugin load; routes added right after createHttpServer()
 * would silently go unlimited. One root onRequest hook covers every route, including the 404
 * handler (scanners probing random paths are limited too). A route opts out with
 * `config: { rateLimit: false }` or sets its own limit with `config: { rateLimit: { max, timeWindow } }`.
 */
function installRateLimit(app: FastifyInstance, limit: { max: number; timeWindowMs: number }): void {
  app.register(rateLimit, {
    global: false,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    // The plugin has already set Retry-After (seconds); the error handler adds the envelope.
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `rate limit exceeded, retry in ${context.after}`, {
        limit: context.max,
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  })
  // One limiter (one counter store) per distinct limit, built on first use: by the time a
  // request arrives the plugin has loaded and `app.rateLimit` exists.
  const limiters = new WeakMap<object, onRequestAsyncHookHandler>()
  const globalLimit = {}
  app.addHook('onRequest', async (request, reply) => {
    const routeLimit = request.routeOptions.config.rateLimit
    if (routeLimit === false) return
    const key = routeLimit ?? globalLimit
    let limiter = limiters.get(key)
    if (limiter === undefined) {
      limiter = routeLimit === undefined ? app.rateLimit() : app.rateLimit(routeLimit)
      limiters.set(key, limiter)
    }
    await limiter.call(app, request, reply)
  })
}
