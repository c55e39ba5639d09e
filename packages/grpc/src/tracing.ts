import type {
  handleServerStreamingCall,
  handleUnaryCall,
  Metadata,
  ServiceDefinition,
  UntypedHandleCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js'
import { endHop, extractHeaders, type Hops, injectHeaders, TAG } from '@wired/wire'

/** `/wired.whatsapp.v1.MessageService/SendMessages` → `MessageService/SendMessages`: what a reader looks for. */
export function shortMethod(path: string): string {
  const [service = '', method = ''] = path.slice(1).split('/')
  return `${service.slice(service.lastIndexOf('.') + 1)}/${method}`
}

/** Copies the active trace context into the call's metadata as `traceparent`. */
export function injectMetadata(metadata: Metadata): void {
  const headers: Record<string, string> = {}
  injectHeaders(headers)
  for (const [name, value] of Object.entries(headers)) metadata.set(name, value)
}

/**
 * One server hop per call, continuing the caller's trace from its `traceparent` metadata; the
 * handler runs inside it, so the hops it makes (SQL, Kafka) become its children. The status
 * code is tagged when the call is answered.
 */
export function withServerHops(
  definition: ServiceDefinition,
  implementation: UntypedServiceImplementation,
  hops: Hops,
): UntypedServiceImplementation {
  if (!hops.on) return implementation
  const wrapped: Record<string, UntypedHandleCall> = {}
  for (const [method, { path, responseStream }] of Object.entries(definition)) {
    const handler = implementation[method]
    if (!handler) continue
    const name = shortMethod(path)
    const start = (metadata: Metadata, request: unknown) => {
      const parent = extractHeaders(metadata.getMap() as Record<string, string>)
      const traced = metadata.get('traceparent').length > 0
      const span = hops.start({
        kind: 'server',
        protocol: 'grpc',
        name,
        parent,
        // The caller's hop already shows the request; an untraced caller's is shown here.
        payload: traced ? undefined : () => request,
        attributes: { [TAG.rpcMethod]: name },
      })
      return { span, parent }
    }
    wrapped[method] = responseStream
      ? (((call) => {
          const { span, parent } = start(call.metadata, call.request)
          call.once('finish', () => endHop(span, undefined, { [TAG.grpcStatus]: 0 }))
          call.once('error', (error: { code?: number }) => endHop(span, error, { [TAG.grpcStatus]: error.code ?? 2 }))
          hops.within(span, parent, () => (handler as handleServerStreamingCall<unknown, unknown>)(call))
        }) satisfies handleServerStreamingCall<unknown, unknown>)
      : (((call, callback) => {
          const { span, parent } = start(call.metadata, call.request)
          hops.within(span, parent, () =>
            (handler as handleUnaryCall<unknown, unknown>)(call, (error, value) => {
              const code = (error as { code?: number } | null)?.code
              endHop(span, error ?? undefined, { [TAG.grpcStatus]: error ? (code ?? 2) : 0 })
              callback(error, value)
            }),
          )
        }) satisfies handleUnaryCall<unknown, unknown>)
  }
  return wrapped
}
