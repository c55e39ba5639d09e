import { AppError } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { ok } from './envelope'

/** A dependency the service needs before it can do useful work: resolve when ready, throw when not. */
export type ReadinessCheck = () => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /** Adds a check run by GET /readyz, e.g. `app.addReadinessCheck('postgres', () => pool.query('select 1'))`. */
    addReadinessCheck(name: string, check: ReadinessCheck): void
  }
}

const CHECK_TIMEOUT_MS = 2_000

/**
 * Two probes, as orchestrators (Kubernetes, compose healthchecks, load balancers) expect:
 * - GET /healthz (liveness): the process serves HTTP. It never looks at dependencies, so a
 *   PostgreSQL outage does not make the orchestrator restart every healthy replica at once.
 * - GET /readyz (readiness): every registered check passed within 2 s, so this replica should
 *   receive traffic. A failing check answers 503 UNAVAILABLE naming the check (never its error).
 * Neither probe is rate limited: a load balancer polling it must not lock itself out.
 */
export function installHealthRoutes(app: FastifyInstance): void {
  const checks = new Map<string, ReadinessCheck>()
  app.decorate('addReadinessCheck', (name: string, check: ReadinessCheck) => {
    if (checks.has(name)) throw new Error(`readiness check '${name}' is already registered`)
    checks.set(name, check)
  })

  app.get('/healthz', { config: { rateLimit: false } }, async () => ok({ status: 'ok' }))

  app.get('/readyz', { config: { rateLimit: false } }, async (request) => {
    const results = await Promise.all(
      [...checks].map(async ([name, check]) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS)
          return { name, ready: true }
        } catch (error) {
          request.log.warn({ err: error, check: name }, 'readiness check failed')
          return { name, ready: false }
        }
      }),
    )
    const failing = results.filter((result) => !result.ready).map((result) => result.name)
    if (failing.length > 0) throw new AppError('UNAVAILABLE', `not ready: ${failing.join(', ')}`)
    return ok({ status: 'ready', checks: results.map((result) => result.name) })
  })
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
