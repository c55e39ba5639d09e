import type { User } from '../payload'

/**
 * A client that sends the guide's User and gets it back, whatever the protocol. `concurrency`
 * is how many calls the lab will keep in flight: HTTP/1.1 needs that many connections (one
 * request at a time per connection, the head-of-line limit HTTP/2 removed); HTTP/2, gRPC and
 * WebSocket multiplex them over one connection.
 */
export interface RequestClient {
  call(user: User): Promise<User>
  close(): Promise<void>
}

export type RequestClientFactory = (port: number, concurrency: number) => Promise<RequestClient>
