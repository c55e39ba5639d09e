import { type Context, context, propagation, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api'

/**
 * Trace context crosses every hop as W3C `traceparent` (`00-<trace id>-<span id>-<flags>`):
 * in HTTP headers, gRPC metadata and Kafka record headers as a header of that name; in a
 * WebSocket JSON frame as its `trace` field; in MQTT 5 as a user property, in MQTT 3.1.1 as the
 * payload's `trace` field; in a Redis pub/sub message as a first line.
 */
export const TRACEPARENT = 'traceparent'
const TRACEPARENT_FORMAT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/

/** Writes the active (or given) context's traceparent into a header map; nothing when there is none. */
export function injectHeaders(carrier: Record<string, string>, from: Context = context.active()): void {
  propagation.inject(from, carrier)
}

/** The context a header map carries (the root context when it carries none or a malformed one). */
export function extractHeaders(carrier: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier)
}

/** The traceparent of a span, to put in a frame or a message; undefined for a span that is not sampled. */
export function traceparentOf(span: Span | undefined): string | undefined {
  const spanContext = span?.spanContext()
  if (!spanContext || !span?.isRecording()) return undefined
  const flags = spanContext.traceFlags.toString(16).padStart(2, '0')
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`
}

/** The traceparent of the span running now, if it is recorded. */
export const activeTraceparent = (): string | undefined => traceparentOf(trace.getSpan(context.active()))

/** The context a `trace` field carries; anything that is not a well-formed traceparent is ignored. */
export function contextFromTraceparent(value: unknown): Context {
  if (typeof value !== 'string' || !TRACEPARENT_FORMAT.test(value)) return ROOT_CONTEXT
  return extractHeaders({ [TRACEPARENT]: value })
}

/**
 * A JSON object's text with `"trace":"<traceparent>"` as its first member: how a frame or an MQTT
 * 3.1.1 payload carries its trace. First, so a receiver can find and take it off without parsing
 * the whole payload. Anything that is not an object's text is returned as it is.
 */
export function leadWithTrace(json: string, traceparent: string | undefined): string {
  if (!traceparent || !json.startsWith('{')) return json
  return json === '{}' ? `{"trace":"${traceparent}"}` : `{"trace":"${traceparent}",${json.slice(1)}`
}
