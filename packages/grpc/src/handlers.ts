import { once } from 'node:events'
import type { handleServerStreamingCall, handleUnaryCall, ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js'
import { AppError } from '@wired/runtime'
import { toErrorStatus } from './status'

/**
 * Adapters from promise-style service code to grpc-js's callback/stream API, so an RPC reads
 * like `unary(async (request) => response)` and a thrown AppError becomes the matching status.
 * The AbortSignal fires when the call is cancelled: the client gave up, or its deadline passed.
 */
export type UnaryHandler<Req, Res> = (
  request: Req,
  call: ServerUnaryCall<Req, Res>,
  signal: AbortSignal,
) => Promise<Res> | Res

export type ServerStreamHandler<Req, Res> = (
  request: Req,
  call: ServerWritableStream<Req, Res>,
  signal: AbortSignal,
) => AsyncIterable<Res>

export function unary<Req, Res>(handler: UnaryHandler<Req, Res>): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const { signal, dispose } = cancellationSignal(call)
    Promise.resolve()
      .then(() => handler(call.request, call, signal))
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toErrorStatus(error)),
      )
      .finally(dispose)
  }
}

/**
 * The handler is an async generator: each `yield` sends one message. Returning ends the stream
 * with OK; throwing ends it with the error's status after the messages already sent.
 */
export function serverStream<Req, Res>(handler: ServerStreamHandler<Req, Res>): handleServerStreamingCall<Req, Res> {
  return (call) => {
    void pump(call, handler)
  }
}

async function pump<Req, Res>(call: ServerWritableStream<Req, Res>, handler: ServerStreamHandler<Req, Res>) {
  const { signal, dispose } = cancellationSignal(call)
  try {
    for await (const message of handler(call.request, call, signal)) {
      // Leaving the loop calls the generator's return(), so its `finally` blocks run.
      if (signal.aborted) return
      // write() returns false once the HTTP/2 flow-control window and the local buffer are
      // full, i.e. the client reads slower than we produce: wait instead of buffering forever.
      if (!call.write(message)) await once(call, 'drain', { signal })
    }
    if (!signal.aborted) call.end()
  } catch (error) {
    // Once cancelled there is nobody to tell; the status would go nowhere.
    if (!signal.aborted) call.emit('error', toErrorStatus(error))
  } finally {
    dispose()
  }
}

/**
 * `dispose` once the call is answered: grpc-js also emits 'cancelled' when a finished call's
 * stream closes, and an abort then would build an error (and its stack trace) for nobody,
 * once per call, which showed up in the profile of every busy service.
 */
function cancellationSignal(call: ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>) {
  const controller = new AbortController()
  const abort = () => controller.abort(new AppError('UNAVAILABLE', 'call cancelled by the client or its deadline'))
  if (call.cancelled) abort()
  else call.once('cancelled', abort)
  return { signal: controller.signal, dispose: () => call.off('cancelled', abort) }
}
