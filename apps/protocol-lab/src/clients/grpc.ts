import { credentials, Metadata } from '@grpc/grpc-js'
import { LabServiceClient, type Notification } from '@wired/proto/lab/v1/lab'
import type { PushClient } from './push-client'
import type { RequestClientFactory } from './request-client'

/**
 * gRPC clients from the generated `LabServiceClient` (@grpc/grpc-js): one channel, one HTTP/2
 * connection, calls multiplexed. Every call carries a deadline, as the project requires.
 */
const DEADLINE_MS = 10_000

function connect(port: number): LabServiceClient {
  return new LabServiceClient(`127.0.0.1:${port}`, credentials.createInsecure())
}

export const grpcClient: RequestClientFactory = async (port) => {
  const client = connect(port)
  return {
    call: (user) =>
      new Promise((resolve, reject) => {
        client.echo({ user }, new Metadata(), { deadline: Date.now() + DEADLINE_MS }, (error, response) => {
          if (error) reject(error)
          else if (!response.user) reject(new Error('Echo answered without a user'))
          else resolve(response.user)
        })
      }),
    close: async () => client.close(),
  }
}

/** Server streaming: one long-lived `Subscribe` call; no deadline, the lab cancels it when done. */
export async function subscribeGrpc(port: number, onNotification: (n: Notification) => void): Promise<PushClient> {
  const client = connect(port)
  const call = client.subscribe({ topic: 'lab' })
  call.on('data', (response: { notification?: Notification }) => {
    if (response.notification) onNotification(response.notification)
  })
  // Cancelling surfaces as an error event with status CANCELLED; anything else is a real failure.
  call.on('error', (error: { code?: number }) => {
    if (error.code !== 1) console.error('gRPC subscription failed', error)
  })
  return {
    close: async () => {
      call.cancel()
      client.close()
    },
  }
}
