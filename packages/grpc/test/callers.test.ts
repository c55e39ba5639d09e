import { credentials, Metadata, makeGenericClientConstructor, type ServiceError, status } from '@grpc/grpc-js'
import { EchoRequest, EchoServiceClient, EchoServiceService } from '@wired/proto/testing/v1/echo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callerAuthorization, createGrpcClient, type GrpcServer, grpcService, serveGrpc } from '../src'
import { echoService, TEST_SECRET, TESTER } from './echo-service'

let server: GrpcServer
beforeAll(async () => {
  server = await serveGrpc({ port: 0, services: [echoService({ streamsClosed: 0 })], secret: TEST_SECRET })
})
afterAll(() => server.stop(100))

const echo = EchoRequest.fromPartial({ text: 'hi' })

/** A bare grpc-js client, as grpcurl or grpcio would be: no Wired code, only the metadata it is given. */
function bareCall(metadata: Metadata): Promise<ServiceError | null> {
  const Bare = makeGenericClientConstructor(EchoServiceService as never, 'EchoService')
  const bare = new Bare(server.address, credentials.createInsecure()) as unknown as {
    echo(request: EchoRequest, metadata: Metadata, callback: (error: ServiceError | null) => void): void
    close(): void
  }
  return new Promise((resolve) =>
    bare.echo(echo, metadata, (error) => {
      bare.close()
      resolve(error)
    }),
  )
}

describe('internal caller authentication', () => {
  it('answers a caller on the allow-list', async () => {
    const client = createGrpcClient(EchoServiceClient, server.address, { caller: TESTER })
    expect(await client.echo(echo)).toMatchObject({ text: 'hi' })
    client.close()
  })

  it('refuses a call without a token: UNAUTHENTICATED, unary and streaming', async () => {
    expect(await bareCall(new Metadata())).toMatchObject({ code: status.UNAUTHENTICATED })
    const anonymous = createGrpcClient(EchoServiceClient, server.address)
    const stream = anonymous.echoStream({ text: 'x', count: 3, intervalMs: 0, failAfter: 0 })
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    anonymous.close()
  })

  it('refuses a token signed with another secret, or forged', async () => {
    const other = new Metadata()
    other.set(
      'authorization',
      callerAuthorization({ name: 'tester', secret: 'another-secret-of-at-least-32-characters' }),
    )
    expect(await bareCall(other)).toMatchObject({ code: status.UNAUTHENTICATED })
    const forged = new Metadata()
    forged.set('authorization', `Bearer tester.${'A'.repeat(43)}`)
    expect(await bareCall(forged)).toMatchObject({ code: status.UNAUTHENTICATED })
  })

  it('refuses a proven caller that is not on the method’s list: PERMISSION_DENIED', async () => {
    const intruder = createGrpcClient(EchoServiceClient, server.address, {
      caller: { name: 'api', secret: TEST_SECRET },
    })
    await expect(intruder.echo(echo)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    intruder.close()
  })

  it('will not start a service with a method that has no allow-list, or a short secret', async () => {
    const { implementation } = echoService({ streamsClosed: 0 })
    const partial = grpcService(EchoServiceService, implementation, { echo: ['tester'] } as never)
    await expect(serveGrpc({ port: 0, services: [partial], secret: TEST_SECRET })).rejects.toThrow(
      /no callers allow-list/,
    )
    await expect(
      serveGrpc({ port: 0, services: [echoService({ streamsClosed: 0 })], secret: 'short' }),
    ).rejects.toThrow(/at least 32/)
  })
})
