import {
  type ChannelCredentials,
  type Client,
  type ClientReadableStream,
  credentials,
  makeGenericClientConstructor,
  type ServiceError,
  status,
} from '@grpc/grpc-js'
import { EchoRequest, EchoServiceClient, type EchoServiceService } from '@wired/proto/testing/v1/echo'
import { AppError, ERROR_CODES, type Logger, silentLogger } from '@wired/runtime'
import { service as healthDefinition } from 'grpc-health-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createGrpcClient, type GrpcClient, type GrpcServer, serveGrpc } from '../src'
import { type EchoObservations, echoService, TEST_SECRET, TESTER } from './echo-service'

const seen: EchoObservations = { streamsClosed: 0 }
const logged = vi.fn()
const logger = { ...silentLogger, error: logged, info: () => {} } as unknown as Logger
let server: GrpcServer
let client: GrpcClient<typeof EchoServiceService>

beforeAll(async () => {
  server = await serveGrpc({ port: 0, services: [echoService(seen)], secret: TEST_SECRET, logger })
  client = createGrpcClient(EchoServiceClient, server.address, { deadlineMs: 1_000, caller: TESTER })
})
afterAll(async () => {
  client.close()
  await server.stop(100)
})

const request = (fields: Partial<EchoRequest>) => EchoRequest.fromPartial(fields)

describe('unary calls', () => {
  it('answers on loopback with typed messages (int64 as number, oneof as union)', async () => {
    expect(server.address).toBe(`127.0.0.1:${server.port}`)
    const sentAtMs = Date.now()
    const response = await client.echo(request({ text: 'ab', sentAtMs, shape: { $case: 'repeat', value: 2 } }))
    expect(response).toEqual({ text: 'abab', sentAtMs })
  })

  it('fails with DEADLINE_EXCEEDED once the deadline passes, and the server sees the cancellation', async () => {
    const started = Date.now()
    const failure = await client.echo(request({ text: 'slow', delayMs: 1_000 }), { deadlineMs: 100 }).catch((e) => e)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure.code).toBe('DEADLINE_EXCEEDED')
    expect(Date.now() - started).toBeLessThan(800)
    await vi.waitFor(() => expect(seen.lastSignal?.aborted).toBe(true))
  })

  it('never aborts the signal of a call that was answered, even after its stream closes', async () => {
    await client.echo(request({}))
    const signal = seen.lastSignal!
    // grpc-js reports every closed stream as "cancelled", answered or not; give it time to.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(signal.aborted).toBe(false)
  })

  it.each(ERROR_CODES.filter((code) => code !== 'INTERNAL'))('round-trips AppError %s', async (code) => {
    const failure = await client.echo(request({ failWith: code })).catch((e) => e)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ code, message: `failed with ${code}`, details: { field: 'text', note: 'é' } })
  })

  it('turns an unknown error into a bare INTERNAL and logs the cause on the server only', async () => {
    const failure = await client.echo(request({ failWith: 'PLAIN_ERROR' })).catch((e) => e)
    expect(failure).toMatchObject({ code: 'INTERNAL', message: 'internal error', details: undefined })
    expect(JSON.stringify(failure)).not.toContain('hunter2')
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'grpc handler failed')
  })

  it('fails with UNAVAILABLE when nothing listens at the address', async () => {
    const nowhere = createGrpcClient(EchoServiceClient, '127.0.0.1:1', { deadlineMs: 1_000 })
    await expect(nowhere.echo(request({ text: 'x' }))).rejects.toMatchObject({ code: 'UNAVAILABLE' })
    nowhere.close()
  })

  it('refuses a non-positive deadline before sending anything', async () => {
    await expect(client.echo(request({}), { deadlineMs: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })
})

describe('server streams', () => {
  it('delivers every message in order, then ends', async () => {
    const received: number[] = []
    for await (const message of client.echoStream({ text: 'tick', count: 3, intervalMs: 0, failAfter: 0 })) {
      received.push(message.sequence)
    }
    expect(received).toEqual([1, 2, 3])
  })

  it('ends with the AppError after the messages already sent', async () => {
    const received: number[] = []
    const consume = async () => {
      for await (const message of client.echoStream({ text: 't', count: 5, intervalMs: 0, failAfter: 2 }))
        received.push(message.sequence)
    }
    await expect(consume()).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: 'stopped after 2' })
    expect(received).toEqual([1, 2])
  })

  it('stops the server generator when the client breaks out early', async () => {
    const before = seen.streamsClosed
    for await (const message of client.echoStream({ text: 't', count: 1_000, intervalMs: 20, failAfter: 0 })) {
      if (message.sequence === 2) break
    }
    await vi.waitFor(() => expect(seen.streamsClosed).toBe(before + 1))
  })
})

// The standard health client, built from the official health.proto shipped in grpc-health-check.
interface HealthClient extends Client {
  check(request: { service: string }, callback: (error: ServiceError | null, response: HealthStatus) => void): void
  watch(request: { service: string }): ClientReadableStream<HealthStatus>
}
type HealthStatus = { status: 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN' }
const HealthClient = makeGenericClientConstructor(healthDefinition as never, 'grpc.health.v1.Health') as unknown as {
  new (address: string, channelCredentials: ChannelCredentials): HealthClient
}
const check = (health: HealthClient, service: string) =>
  new Promise<string>((resolve, reject) =>
    health.check({ service }, (error, response) => (error ? reject(error) : resolve(response.status))),
  )

describe('grpc.health.v1', () => {
  it('reports SERVING for the server and each service, NOT_SERVING to watchers on stop', async () => {
    const own = await serveGrpc({ port: 0, services: [echoService({ streamsClosed: 0 })], secret: TEST_SECRET })
    const health = new HealthClient(own.address, credentials.createInsecure())
    expect(await check(health, '')).toBe('SERVING')
    expect(await check(health, 'wired.testing.v1.EchoService')).toBe('SERVING')
    await expect(check(health, 'wired.testing.v1.Nope')).rejects.toMatchObject({ code: status.NOT_FOUND })

    const watch = health.watch({ service: '' })
    const statuses: string[] = []
    watch.on('data', (response: HealthStatus) => statuses.push(response.status))
    watch.on('error', () => {}) // the shutdown ends the watch with CANCELLED/UNAVAILABLE
    await vi.waitFor(() => expect(statuses).toEqual(['SERVING']))
    await own.stop(200)
    expect(statuses).toEqual(['SERVING', 'NOT_SERVING'])
    health.close()
  })
})
