import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  type Span,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api'
import { previewOf } from './payload'
import { currentService } from './service-scope'
import { sampleNewTrace, tracingOn } from './tracing'
import { HOP, type Protocol } from './vocabulary'

export type HopKind = 'server' | 'client' | 'producer' | 'consumer'

export interface Hop {
  /** server: a request or frame arrived; client: a call out that waits for its answer; producer / consumer: a message sent on / taken from a broker or socket. */
  kind: HopKind
  protocol: Protocol
  /** A short label: frame type, RPC method, topic, command, SQL verb. */
  name: string
  /** The other side when it is not a traced service: 'browser', 'kafka', 'redis', 'postgres', 'mqtt'. */
  peer?: string
  bytes?: number
  /** Called only when the hop is recorded: a preview costs a JSON.stringify. */
  payload?: () => unknown
  attributes?: Attributes
  /** The caller's context, extracted from the carrier (inbound hops). Default: the active context. */
  parent?: Context
  /**
   * Outbound hops (a query, a Redis command, a frame pushed to a socket) are recorded only as
   * part of a recorded trace: on their own they would be noise, and a cost on every call.
   */
  onlyInTrace?: boolean
}

const KINDS: Record<HopKind, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
}

/**
 * The hops one service makes. A transport creates its Hops when it is created (a gRPC client,
 * a Kafka log, a socket gateway), which is when it learns whose hops they are (service-scope.ts).
 * With tracing off, every method is a plain call: no span, no context switch.
 */
export class Hops {
  readonly service = currentService()
  private tracer: Tracer | undefined

  /** True when a hop made now would be recorded: inside a recorded trace, or (with no trace) when tracing is on. */
  get on(): boolean {
    return tracingOn()
  }

  /** Starts a hop; the caller ends it (`end`). Returns undefined when nothing is recorded. */
  start(hop: Hop): Span | undefined {
    if (!tracingOn()) return undefined
    const parent = hop.parent ?? context.active()
    // Decided here, before a span exists: a hop that will not be recorded is a plain call.
    const caller = trace.getSpan(parent)?.spanContext()
    if (caller && isSpanContextValid(caller)) {
      if ((caller.traceFlags & TraceFlags.SAMPLED) !== TraceFlags.SAMPLED) return undefined
    } else if (hop.onlyInTrace || !sampleNewTrace()) return undefined
    this.tracer ??= trace.getTracer('wired')
    const span = this.tracer.startSpan(
      `${hop.protocol} ${hop.name}`,
      { kind: KINDS[hop.kind], attributes: hop.attributes },
      parent,
    )
    if (span.isRecording()) {
      span.setAttribute(HOP.service, this.service)
      span.setAttribute(HOP.protocol, hop.protocol)
      span.setAttribute(HOP.name, hop.name)
      if (hop.peer !== undefined) span.setAttribute(HOP.peer, hop.peer)
      if (hop.bytes !== undefined) span.setAttribute(HOP.bytes, hop.bytes)
      if (hop.payload) span.setAttribute(HOP.payload, previewOf(hop.payload()))
    }
    return span
  }

  /** Runs `work` as the hop: its own hops become children, and the hop ends when `work` settles. */
  around<T>(hop: Hop, work: (span: Span | undefined) => T): T {
    const span = this.start(hop)
    if (!span) return work(undefined)
    let result: T
    try {
      result = context.with(trace.setSpan(hop.parent ?? context.active(), span), work, undefined, span)
    } catch (error) {
      endHop(span, error)
      throw error
    }
    if (result instanceof Promise) return endWhenSettled(span, result) as T
    endHop(span)
    return result
  }

  /** Runs `work` with the hop's span as the active one, without ending it (an async callback ends it). */
  within<T>(span: Span | undefined, parent: Context | undefined, work: () => T): T {
    if (!span) return work()
    return context.with(trace.setSpan(parent ?? context.active(), span), work)
  }
}

/** Ends the hop when the promise settles (failed if it rejects), and passes its outcome on. */
export function endWhenSettled<T>(span: Span | undefined, promise: Promise<T>): Promise<T> {
  if (!span) return promise
  return promise.then(
    (value) => {
      endHop(span)
      return value
    },
    (error: unknown) => {
      endHop(span, error)
      throw error
    },
  )
}

/** Ends a hop, marking it failed when there is an error (its message goes to Zipkin's `error` tag). */
export function endHop(span: Span | undefined, error?: unknown, attributes?: Attributes): void {
  if (!span) return
  if (attributes) span.setAttributes(attributes)
  if (error !== undefined) {
    const code = (error as { code?: unknown } | null)?.code
    const message = error instanceof Error ? error.message : String(error)
    span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? `${code}: ${message}` : message })
  }
  span.end()
}
