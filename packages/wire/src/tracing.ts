import { context, propagation, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { type Env, readEnum, readOptionalString, readUrl } from '@wired/runtime'
import { nameThisProcess } from './service-scope'

export interface WireConfig {
  /**
   * Where spans go, as Zipkin v2 JSON: the kit's in-process collector (embedded, native infra)
   * or a Zipkin server (compose). Unset: tracing is off.
   */
  collectorUrl: string | undefined
  /** Share of traces started here (with no caller's trace to continue) that are recorded. */
  sampleRatio: number
}

/**
 * WIRE_COLLECTOR_URL, WIRE_TRACING (on | off, default on), WIRE_SAMPLE_RATIO (0..1, default 0.1):
 * the share of traces started inside the system that are recorded. A page's own actions ask to
 * be traced and always are; a fleet of simulated phones or a load generator is sampled.
 */
export function readWireConfig(env: Env): WireConfig {
  const tracing = readEnum(env, 'WIRE_TRACING', ['on', 'off'] as const, { default: 'on' })
  const collectorUrl = readOptionalString(env, 'WIRE_COLLECTOR_URL')
    ? readUrl(env, 'WIRE_COLLECTOR_URL', { protocols: ['http', 'https'] })
    : undefined
  const ratioText = readOptionalString(env, 'WIRE_SAMPLE_RATIO') ?? '0.1'
  const sampleRatio = Number(ratioText)
  if (!(sampleRatio >= 0 && sampleRatio <= 1))
    throw new Error(`WIRE_SAMPLE_RATIO must be a number from 0 to 1, got '${ratioText}'`)
  return { collectorUrl: tracing === 'on' ? collectorUrl : undefined, sampleRatio }
}

export interface InstalledTracing {
  /** Sends the spans still buffered (the panel reads them within ~200 ms anyway). */
  flush(): Promise<void>
}

let installed: { provider: BasicTracerProvider; collectorUrl: string; sampleRatio: number } | undefined

/** True once installTracing ran in this process: the transports skip all tracing work otherwise. */
export const tracingOn = (): boolean => installed !== undefined

/** Whether a trace started here now is recorded (WIRE_SAMPLE_RATIO), decided before any span exists. */
export const sampleNewTrace = (): boolean => installed !== undefined && Math.random() < installed.sampleRatio

/**
 * Installs OpenTelemetry for this process, once: the W3C trace-context propagator, an
 * AsyncLocalStorage context manager (so a hop started inside another's handler becomes its
 * child), and a batch exporter of Zipkin v2 JSON to the collector. Spans leave every 200 ms in
 * batches: the panel shows a hop a fraction of a second after it happened, and a busy service
 * sends one request per batch instead of one per span. Nothing here touches business code:
 * the transports in packages/ make the spans (see hops.ts).
 */
export function installTracing(config: WireConfig, serviceName: string): InstalledTracing | undefined {
  nameThisProcess(serviceName)
  if (!config.collectorUrl) return undefined
  if (installed) {
    if (installed.collectorUrl !== config.collectorUrl)
      throw new Error(`tracing already sends to ${installed.collectorUrl}, not ${config.collectorUrl}`)
    return handle(installed.provider)
  }
  const exporter = new ZipkinExporter({ url: new URL('/api/v2/spans', config.collectorUrl).toString() })
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    // Hops decide before they start a span (hops.ts): a trace that is not recorded costs no span
    // at all, and a caller's decision wins. What reaches the SDK is recorded.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: 200,
        maxExportBatchSize: 2_000,
        // Past this the newest spans are dropped: tracing must never hold a busy service's memory.
        maxQueueSize: 20_000,
      }),
    ],
  })
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  trace.setGlobalTracerProvider(provider)
  installed = { provider, collectorUrl: config.collectorUrl, sampleRatio: config.sampleRatio }
  return handle(provider)
}

const handle = (provider: BasicTracerProvider): InstalledTracing => ({ flush: () => provider.forceFlush() })
