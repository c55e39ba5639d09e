import { installTracing, readWireConfig, startWireCollector, type WireCollector } from '@wired/wire'

let shared: Promise<WireCollector> | undefined

/**
 * The wire view's collector for this process: one per process, started on first use and never
 * holding the process open. Every embedded scenario booted here sends its spans to it, and each
 * scenario's page reads its own traces back from it by id.
 */
export function processCollector(): Promise<WireCollector> {
  shared ??= startWireCollector({ unref: true })
  return shared
}

/**
 * Tracing for a scenario booted in this process (embedded mode): unless WIRE_TRACING=off, start
 * the collector, install OpenTelemetry once, and return the env every service gets so its page
 * can read traces (WIRE_COLLECTOR_URL).
 */
export async function traceThisProcess(
  env: Record<string, string | undefined>,
  name: string,
): Promise<Record<string, string>> {
  if (env.WIRE_TRACING === 'off') return { WIRE_TRACING: 'off' }
  const collectorUrl = env.WIRE_COLLECTOR_URL ?? (await processCollector()).url
  installTracing(readWireConfig({ ...env, WIRE_COLLECTOR_URL: collectorUrl }), name)
  return { WIRE_COLLECTOR_URL: collectorUrl }
}
