import { createHttpServer, ok } from '@wired/http'
import { AppError, type Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { CONDITION_LIMITS, conditionsProblem, type LinkConditions } from '../domain/link-conditions'
import type { RelayMetrics } from '../domain/relay-metrics'

const conditionsBody = {
  type: 'object',
  required: ['dropPercent', 'delayMs', 'jitterMs'],
  additionalProperties: false,
  properties: {
    dropPercent: { type: 'number', ...range(CONDITION_LIMITS.dropPercent) },
    delayMs: { type: 'integer', ...range(CONDITION_LIMITS.delayMs) },
    jitterMs: { type: 'integer', ...range(CONDITION_LIMITS.jitterMs) },
  },
} as const

function range(limits: { min: number; max: number }) {
  return { minimum: limits.min, maximum: limits.max }
}

/**
 * The proxy's control panel over HTTP: the api forwards the page's "bad network" switch here, and
 * tests set conditions directly. The conditions apply to the next packet: no reconnect needed.
 */
export function buildControlApp(deps: {
  link: { conditions: LinkConditions }
  metrics: RelayMetrics
  logger: Logger
}): FastifyInstance {
  const app = createHttpServer({ name: 'gaming-netem', logger: deps.logger, bodyLimit: 1024, rateLimit: false })
  app.get('/conditions', async () => ok(deps.link.conditions))
  app.put<{ Body: LinkConditions }>('/conditions', { schema: { body: conditionsBody } }, async (request) => {
    // The schema already said so; the domain rule is checked too, so the two can never disagree.
    const problem = conditionsProblem(request.body as unknown as Record<string, unknown>)
    if (problem) throw new AppError('INVALID_ARGUMENT', problem)
    const { dropPercent, delayMs, jitterMs } = request.body
    deps.link.conditions = { dropPercent, delayMs, jitterMs }
    deps.logger.info({ conditions: deps.link.conditions }, 'link conditions changed')
    return ok(deps.link.conditions)
  })
  app.get('/metrics', async () => ok({ conditions: deps.link.conditions, ...deps.metrics }))
  return app
}
