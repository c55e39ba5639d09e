import type { FastifyInstance } from 'fastify'
import type { IngestPipeline } from '../use-cases/ingest-fixes'

/**
 * GET /metrics in the Prometheus text format: what an operator graphs (ingest rate = the rate of
 * fixes_written_total), and what the benchmark polls to time the pipeline from outside.
 */
export function serveMetrics(app: FastifyInstance, pipeline: () => IngestPipeline): void {
  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) => {
    const { accepted, stale, written, failed } = pipeline().counters
    reply.type('text/plain; version=0.0.4')
    return [
      '# HELP uber_location_fixes_total Driver fixes by outcome since the process started.',
      '# TYPE uber_location_fixes_total counter',
      `uber_location_fixes_total{outcome="accepted"} ${accepted}`,
      `uber_location_fixes_total{outcome="stale"} ${stale}`,
      `uber_location_fixes_total{outcome="written"} ${written}`,
      `uber_location_fixes_total{outcome="failed"} ${failed}`,
      '',
    ].join('\n')
  })
}

/** Reads one counter back from the text (for the benchmark and tests). */
export function readFixCounter(text: string, outcome: string): number {
  const match = new RegExp(`uber_location_fixes_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)
  return match ? Number(match[1]) : 0
}
