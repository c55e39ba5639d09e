import {
  type ChannelCredentials,
  type ChannelOptions,
  type Client,
  type ClientOptions,
  type ClientReadableStream,
  credentials,
  Metadata,
  type MethodDefinition,
} from '@grpc/grpc-js'
import { AppError } from '@wired/runtime'
import type { Span } from '@wired/wire'
import { endHop, Hops, TAG } from '@wired/wire'
import { type CallerCredentials, callerAuthorization } from './callers'
import { fromServiceError, isServiceError } from './status'
import { injectMetadata, shortMethod } from './tracing'

export interface GrpcClientOptions {
  /** Deadline for each unary call unless the call overrides it. Default 2,000 ms. */
  deadlineMs?: number
  /**
   * Deadline for each server stream. Default 300,000 ms: a stream is a subscription, but one
   * that never ends pins server resources if the client half-dies, so it ends and is reopened.
   */
  streamDeadlineMs?: number
  /** Passed to grpc-js on top of DEFAULT_CHANNEL_OPTIONS, e.g. `{ 'grpc.max_receive_message_length': 1 << 20 }`. */
  channelOptions?: ChannelOptions
  /** Who this client is; every call carries the signed name (callers.ts). Without it, servers refuse. */
  caller?: CallerCredentials
}

/**
 * grpc-js backs off up to 120 s between reconnect attempts to a dead server; inside one
 * deployment a restarted service is back in seconds, so callers retry sooner.
 */
export const DEFAULT_CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 2_000,
}

export interface GrpcCallOptions {
  deadlineMs?: number
  metadata?: Metadata
  /** Aborting cancels the call; the server's handler sees its own signal abort. */
  signal?: AbortSignal
}

// biome-ignore lint/suspicious/noExplicitAny: method definitions are matched structurally below
type AnyMethod = MethodDefinition<any, any>
type RequestOf<M> = M extends { requestSerialize: (value: infer Req) => Buffer } ? Req : never
type ResponseOf<M> = M extends { responseDeserialize: (bytes: Buffer) => infer Res } ? Res : never
type IsUnary<M> = M extends { requestStream: false; responseStream: false } ? true : false
type IsServerStream<M> = M extends { requestStream: false; responseStream: true } ? true : false

/**
 * The promise-style view of a ts-proto client: unary methods return a Promise, server streams
 * an AsyncIterable; client and bidi streams are left to `raw` (nothing in Wired uses them).
 */
export type GrpcClient<D> = {
  [K in keyof D as IsUnary<D[K]> extends true ? K : never]: (
    request: RequestOf<D[K]>,
    options?: GrpcCallOptions,
  ) => Promise<ResponseOf<D[K]>>
} & {
  [K in keyof D as IsServerStream<D[K]> extends true ? K : never]: (
    request: RequestOf<D[K]>,
    options?: GrpcCallOptions,
  ) => AsyncIterable<ResponseOf<D[K]>>
} & {
  /** The underlying grpc-js client. */
  readonly raw: Client
  close(): void
}

/** ts-proto's generated `XServiceClient` constructor (it carries the service definition). */
export interface GrpcClientConstructor<D> {
  new (address: string, credentials: ChannelCredentials, options?: Partial<ClientOptions>): Client
  service: D
}

/**
 * `createGrpcClient(MessageServiceClient, 'host:port')`: every call carries a deadline and every
 * failure is an AppError whose code the server chose (or DEADLINE_EXCEEDED / UNAVAILABLE when
 * the network or the clock decided).
 */
export function createGrpcClient<D extends Record<string, AnyMethod>>(
  ClientConstructor: GrpcClientConstructor<D>,
  address: string,
  options: GrpcClientOptions = {},
): GrpcClient<D> {
  const { deadlineMs = 2_000, streamDeadlineMs = 300_000, channelOptions = {} } = options
  const authorization = options.caller ? callerAuthorization(options.caller) : undefined
  const raw = new ClientConstructor(address, credentials.createInsecure(), {
    ...DEFAULT_CHANNEL_OPTIONS,
    ...channelOptions,
  })
  const methods: Record<string, unknown> = {}
  const hops = new Hops()
  for (const [name, method] of Object.entries(ClientConstructor.service)) {
    if (method.requestStream) continue
    methods[name] = method.responseStream
      ? (request: unknown, call: GrpcCallOptions = {}) => {
          const span = startCall(hops, method, request, call.deadlineMs ?? streamDeadlineMs, address)
          const { metadata, deadline } = hops.within(span, undefined, () =>
            callArguments(call, streamDeadlineMs, authorization),
          )
          const { path, requestSerialize, responseDeserialize } = method
          const stream = raw.makeServerStreamRequest(path, requestSerialize, responseDeserialize, request, metadata, {
            deadline,
          })
          return readStream(stream, call.signal, span)
        }
      : (request: unknown, call: GrpcCallOptions = {}) => {
          const span = startCall(hops, method, request, call.deadlineMs ?? deadlineMs, address)
          return hops.within(span, undefined, () =>
            callUnary(raw, method, request, call, deadlineMs, authorization, span),
          )
        }
  }
  return Object.assign(methods, { raw, close: () => raw.close() }) as GrpcClient<D>
}

function callUnary(
  raw: Client,
  method: AnyMethod,
  request: unknown,
  call: GrpcCallOptions,
  defaultMs: number,
  authorization: string | undefined,
  span: Span | undefined,
) {
  return new Promise<unknown>((resolve, reject) => {
    const { metadata, deadline } = callArguments(call, defaultMs, authorization)
    const pending = raw.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      metadata,
      { deadline },
      (error, response) => {
        call.signal?.removeEventListener('abort', cancel)
        if (error) {
          endHop(span, error, { [TAG.grpcStatus]: error.code })
          reject(fromServiceError(error))
        } else {
          endHop(span, undefined, { [TAG.grpcStatus]: 0 })
          resolve(response)
        }
      },
    )
    const cancel = () => pending.cancel()
    if (call.signal?.aborted) cancel()
    else call.signal?.addEventListener('abort', cancel, { once: true })
  })
}

async function* readStream<Res>(stream: ClientReadableStream<Res>, signal: AbortSignal | undefined, span?: Span) {
  const cancel = () => stream.cancel()
  if (signal?.aborted) cancel()
  else signal?.addEventListener('abort', cancel, { once: true })
  let outcome: { error?: unknown; code: number } = { error: new Error('reader left the stream early'), code: 1 }
  try {
    for await (const message of stream) yield message as Res
    outcome = { code: 0 }
  } catch (error) {
    outcome = { error, code: isServiceError(error) ? error.code : 2 }
    throw isServiceError(error) ? fromServiceError(error) : error
  } finally {
    endHop(span, outcome.error, { [TAG.grpcStatus]: outcome.code })
    signal?.removeEventListener('abort', cancel)
    // Ending the loop early (break, throw in the consumer) must also stop the server's handler.
    stream.cancel()
  }
}

/** The client's hop: the method, the deadline it set and (when recorded) the request it sent. */
function startCall(hops: Hops, method: AnyMethod, request: unknown, deadlineMs: number, address: string) {
  const name = shortMethod(method.path)
  return hops.start({
    kind: 'client',
    protocol: 'grpc',
    name,
    peer: address,
    payload: () => request,
    attributes: { [TAG.rpcMethod]: name, [TAG.grpcDeadlineMs]: deadlineMs },
    onlyInTrace: true,
  })
}

function callArguments(call: GrpcCallOptions, defaultMs: number, authorization: string | undefined) {
  const metadata = call.metadata?.clone() ?? new Metadata()
  if (authorization) metadata.set('authorization', authorization)
  injectMetadata(metadata)
  return { metadata, deadline: deadlineAfter(call.deadlineMs ?? defaultMs) }
}

/** grpc-js sends the deadline as a relative `grpc-timeout` header computed from this instant. */
function deadlineAfter(ms: number): number {
  if (!(ms > 0)) throw new AppError('INVALID_ARGUMENT', `grpc deadline must be a positive number of ms, got ${ms}`)
  return Date.now() + ms
}
