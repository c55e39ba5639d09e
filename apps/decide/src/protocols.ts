import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
/**
 * The protocols the tool chooses between, each with the scenario that shows it working and the
 * protocol-lab claim whose measured figure the tool prints beside the guide's.
 */
export interface Protocol {
  id: ProtocolId
  name: string
  /** One line in this project's words: what the protocol is for. */
  strength: string
  /** The Wired scenario a reader can run to watch it do that job. */
  scenario: string
  /** The lab's claim id for its latency (apps/protocol-lab/src/claim-list.ts), when the lab measures it. */
  labClaim?: string
}

export type ProtocolId =
  | 'rest'
  | 'graphql'
  | 'grpc'
  | 'websocket'
  | 'sse'
  | 'long-polling'
  | 'kafka'
  | 'redis-pubsub'
  | 'mqtt'
  | 'tcp'
  | 'udp'
  | 'hls'
  | 'rtmp'

export const PROTOCOLS: Record<ProtocolId, Protocol> = {
  rest: {
    id: 'rest',
    name: 'REST (HTTP/JSON)',
    strength: 'request/response any client speaks, cacheable by every HTTP cache',
    scenario: 'amazon',
    labClaim: 'rest-latency',
  },
  graphql: {
    id: 'graphql',
    name: 'GraphQL',
    strength: 'one round trip shaped by the client for a screen of related data',
    scenario: 'amazon',
    labClaim: 'graphql-latency',
  },
  grpc: {
    id: 'grpc',
    name: 'gRPC',
    strength: 'typed, compact calls between services, with deadlines and streaming',
    scenario: 'whatsapp',
    labClaim: 'grpc-latency',
  },
  websocket: {
    id: 'websocket',
    name: 'WebSocket',
    strength: 'one long-lived two-way connection that a browser can hold',
    scenario: 'whatsapp',
    labClaim: 'websocket-latency',
  },
  sse: {
    id: 'sse',
    name: 'Server-Sent Events',
    strength: 'server-to-browser push over plain HTTP, with resume by event id',
    scenario: 'robinhood',
    labClaim: 'sse-latency',
  },
  'long-polling': {
    id: 'long-polling',
    name: 'Long polling',
    strength: 'push that survives proxies which cut long-lived sockets',
    scenario: 'google-docs',
    labClaim: 'polling-requests',
  },
  kafka: {
    id: 'kafka',
    name: 'Kafka',
    strength: 'a durable, replayable log that many independent consumers read at their own pace',
    scenario: 'whatsapp',
    labClaim: 'kafka-latency',
  },
  'redis-pubsub': {
    id: 'redis-pubsub',
    name: 'Redis pub/sub',
    strength: 'fire-and-forget routing between replicas, in well under a millisecond',
    scenario: 'whatsapp',
  },
  mqtt: {
    id: 'mqtt',
    name: 'MQTT',
    strength: 'tiny publish/subscribe for devices, with QoS, retained state and a last will',
    scenario: 'smart-home',
    labClaim: 'mqtt-latency',
  },
  tcp: {
    id: 'tcp',
    name: 'TCP (own framing)',
    strength: 'reliable, ordered bytes with the least framing, when you write both ends',
    scenario: 'gaming',
    labClaim: 'tcp-latency',
  },
  udp: {
    id: 'udp',
    name: 'UDP',
    strength: 'datagrams with no retransmission: the newest state never waits for an old one',
    scenario: 'gaming',
    labClaim: 'udp-latency',
  },
  hls: {
    id: 'hls',
    name: 'HLS over HTTP/2',
    strength: 'video as small cacheable files, so CDNs and edge caches carry the viewers',
    scenario: 'netflix',
  },
  rtmp: {
    id: 'rtmp',
    name: 'RTMP',
    strength: 'the ingest protocol every encoder (OBS, ffmpeg) speaks for a live feed',
    scenario: 'twitch',
  },
}

/** Whether the scenario that shows a protocol is built yet (it ships an embedded entry point). */
export function scenarioIsBuilt(scenario: string): boolean {
  return existsSync(fileURLToPath(new URL(`../../${scenario}/src/embedded.ts`, import.meta.url)))
}

/** How to watch the protocol work: the command when its scenario is built, its plan otherwise. */
export function watchIt(protocol: Protocol): string {
  return scenarioIsBuilt(protocol.scenario)
    ? `./wired start ${protocol.scenario}`
    : `the ${protocol.scenario} scenario (planned, not built yet)`
}
