import type { LabServer, ServerOptions } from './lab-server'

type Starter = (options: ServerOptions) => Promise<LabServer>

/**
 * Every kind of process the lab can start on the far side of a measurement. Imports are lazy:
 * a child process loads only its own protocol's libraries, which keeps start-up short (the lab
 * starts about twenty of them) and keeps one protocol's code out of another's process.
 */
export const serverKinds = {
  'rest-http1': async () => (await import('./rest')).startRestHttp1,
  'rest-http2': async () => (await import('./rest')).startRestHttp2,
  graphql: async () => (await import('./graphql')).startGraphql,
  grpc: async () => (await import('./grpc')).startGrpc,
  websocket: async () => (await import('./websocket')).startWebSocket,
  sse: async () => (await import('./sse')).startSse,
  polling: async () => (await import('./polling')).startPolling,
  'mqtt-broker': async () => (await import('./mqtt-broker')).startMqttBroker,
  'mqtt-publisher': async () => (await import('./mqtt-publisher')).startMqttPublisher,
  'kafka-producer': async () => (await import('./kafka-producer')).startKafkaProducer,
  'datagram-sender': async () => (await import('./datagram-sender')).startDatagramSender,
} satisfies Record<string, () => Promise<Starter>>

export type ServerKind = keyof typeof serverKinds

export function isServerKind(value: string): value is ServerKind {
  return Object.hasOwn(serverKinds, value)
}
