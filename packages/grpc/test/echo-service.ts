import { setTimeout as sleep } from 'node:timers/promises'
import {
  type EchoRequest,
  type EchoServiceServer,
  EchoServiceService,
  type EchoStreamResponse,
} from '@wired/proto/testing/v1/echo'
import { AppError, ERROR_CODES, type ErrorCode } from '@wired/runtime'
import type { GrpcServiceBinding } from '../src'
import { grpcService, serverStream, unary } from '../src'

export const TEST_SECRET = 'a-test-secret-of-at-least-32-characters'
/** The caller the echo service allows. */
export const TESTER = { name: 'tester', secret: TEST_SECRET }

/** What the test server observed, so tests can assert on the server side of a call. */
export interface EchoObservations {
  streamsClosed: number
  lastSignal?: AbortSignal
}

export function echoService(seen: EchoObservations): GrpcServiceBinding {
  const implementation: EchoServiceServer = {
    echo: unary(async (request, _call, signal) => {
      seen.lastSignal = signal
      if (request.delayMs > 0) await sleep(request.delayMs, undefined, { signal }).catch(() => {})
      failIfAsked(request)
      return { text: shape(request), sentAtMs: request.sentAtMs }
    }),
    echoStream: serverStream(async function* (request, _call, signal) {
      try {
        for (let sequence = 1; sequence <= request.count; sequence++) {
          if (request.failAfter > 0 && sequence > request.failAfter)
            throw new AppError('FAILED_PRECONDITION', `stopped after ${request.failAfter}`)
          yield { sequence, text: request.text } satisfies EchoStreamResponse
          if (request.intervalMs > 0) await sleep(request.intervalMs, undefined, { signal })
        }
      } finally {
        seen.streamsClosed += 1
      }
    }),
  }
  return grpcService(EchoServiceService, implementation, { echo: ['tester'], echoStream: ['tester'] })
}

function failIfAsked(request: EchoRequest) {
  if (request.failWith === '') return
  if (request.failWith === 'PLAIN_ERROR') throw new Error('db password is hunter2')
  if (!(ERROR_CODES as readonly string[]).includes(request.failWith)) throw new Error('unknown test code')
  throw new AppError(request.failWith as ErrorCode, `failed with ${request.failWith}`, { field: 'text', note: 'é' })
}

function shape(request: EchoRequest): string {
  if (request.shape?.$case === 'upper') return request.shape.value.toUpperCase()
  if (request.shape?.$case === 'repeat') return request.text.repeat(request.shape.value)
  return request.text
}
