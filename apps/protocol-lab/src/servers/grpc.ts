import { Server, ServerCredentials, type ServerWritableStream } from '@grpc/grpc-js'
import {
  type EchoRequest,
  type EchoResponse,
  type LabServiceServer,
  LabServiceService,
  type SubscribeRequest,
  type SubscribeResponse,
} from '@wired/proto/lab/v1/lab'
import type { LabServer } from './lab-server'

/**
 * gRPC with @grpc/grpc-js and the ts-proto code generated from packages/proto/proto/lab/v1.
 * `Echo` is unary; `Subscribe` is a server stream that stays open and receives every
 * notification the lab publishes, until the client cancels. Cleartext HTTP/2 on loopback.
 */
type Subscriber = ServerWritableStream<SubscribeRequest, SubscribeResponse>

export async function startGrpc(): Promise<LabServer> {
  const server = new Server()
  const subscribers = new Set<Subscriber>()
  const implementation: LabServiceServer = {
    echo: (call, callback) => {
      const request: EchoRequest = call.request
      const response: EchoResponse = { user: request.user }
      callback(null, response)
    },
    subscribe: (call) => {
      subscribers.add(call)
      call.on('cancelled', () => subscribers.delete(call))
      call.on('error', () => subscribers.delete(call))
    },
  }
  server.addService(LabServiceService, implementation)
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  )
  return {
    port,
    async publish(notification) {
      for (const call of subscribers) call.write({ notification })
    },
    async close() {
      for (const call of subscribers) call.end()
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()))
    },
  }
}
