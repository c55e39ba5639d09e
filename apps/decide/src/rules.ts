import type { ProtocolId } from './protocols'
import type { Answers, QuestionId } from './questions'

type Condition = { [Q in QuestionId]?: Answers[Q] | Answers[Q][] }

/**
 * One piece of the guide's reasoning, as data: when the answers match `when`, `protocol` gains
 * (or loses) `weight`, or is ruled out. `reason` is what the reader is told; `guide` names the
 * section of the guide it comes from. Weights only rank protocols against each other; the
 * tests in ../test hold them to the choices of all ten scenarios.
 */
export interface Rule {
  protocol: ProtocolId
  when: Condition
  weight: number | 'exclude'
  reason: string
  guide: string
}

const CLIENTS_YOU_SHIP = ['mobile-app', 'game-client', 'device', 'encoder'] as const
const PEOPLE = ['browser', 'mobile-app'] as const
const NOT_A_SERVICE = ['browser', ...CLIENTS_YOU_SHIP] as const
const PUSH = ['server-push', 'bidirectional'] as const
const FAST = ['interactive', 'tight'] as const

export const RULES: Rule[] = [
  // --- REST
  {
    protocol: 'rest',
    when: { pattern: 'request-response' },
    weight: 3,
    reason: 'each request gets its answer: the shape REST is built for',
    guide: 'When to Use HTTP/REST',
  },
  {
    protocol: 'rest',
    when: { pattern: 'request-response', client: [...PEOPLE] },
    weight: 2,
    reason: 'every browser and mobile HTTP stack speaks it, no client library needed',
    guide: 'When to Use HTTP/REST',
  },
  {
    protocol: 'rest',
    when: { cacheable: 'yes' },
    weight: 3,
    reason: 'ETag, Cache-Control and CDNs cache GET responses for free',
    guide: 'REST API Design Best Practices',
  },
  {
    protocol: 'rest',
    when: { pattern: 'request-response', payload: 'large' },
    weight: 1,
    reason: 'uploads and downloads are plain HTTP bodies (multipart, ranges)',
    guide: 'When to Use HTTP/REST',
  },
  {
    protocol: 'rest',
    when: { client: 'service', latency: [...FAST] },
    weight: -3,
    reason: 'between services, JSON over HTTP/1.1 costs more bytes and parsing than a binary RPC',
    guide: 'gRPC vs REST Decision',
  },
  {
    protocol: 'rest',
    when: { rate: 'high' },
    weight: -2,
    reason: 'one request per update stops paying off beyond about 10 a second',
    guide: 'When to Use HTTP/REST',
  },
  {
    protocol: 'rest',
    when: { composite: 'yes' },
    weight: -2,
    reason: 'a screen of related entities takes many round trips or a bespoke endpoint',
    guide: 'GraphQL vs REST',
  },
  {
    protocol: 'rest',
    when: { constrained: 'yes', client: 'device' },
    weight: -2,
    reason: 'HTTP headers on every reading are heavy for a battery-powered sensor',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'rest',
    when: { pattern: ['server-push', 'bidirectional', 'event', 'media-stream'] },
    weight: 'exclude',
    reason: 'the server cannot speak first: REST only answers requests',
    guide: 'When to Use HTTP/REST',
  },

  // --- GraphQL
  {
    protocol: 'graphql',
    when: { pattern: 'request-response' },
    weight: 2,
    reason: 'queries and mutations are requests with answers',
    guide: 'When to Use GraphQL',
  },
  {
    protocol: 'graphql',
    when: { composite: 'yes' },
    weight: 4,
    reason: 'the client names exactly the fields of every entity it needs, in one round trip',
    guide: 'GraphQL vs REST',
  },
  {
    protocol: 'graphql',
    when: { client: 'mobile-app' },
    weight: 1,
    reason: 'no over-fetching saves a mobile client bandwidth',
    guide: 'When to Use GraphQL',
  },
  {
    protocol: 'graphql',
    when: { cacheable: 'yes' },
    weight: -3,
    reason: 'one POST endpoint defeats HTTP caches; caching moves into the client',
    guide: 'When to Use GraphQL',
  },
  {
    protocol: 'graphql',
    when: { payload: 'large' },
    weight: -2,
    reason: 'files do not fit a JSON query language',
    guide: 'When to Use GraphQL',
  },
  {
    protocol: 'graphql',
    when: { client: 'service' },
    weight: -3,
    reason: 'a simple internal service gains nothing from a query language',
    guide: 'When to Use GraphQL',
  },
  {
    protocol: 'graphql',
    when: { pattern: ['server-push', 'bidirectional', 'event', 'media-stream'] },
    weight: 'exclude',
    reason: 'GraphQL here is queries over HTTP; pushing needs another transport',
    guide: 'When to Use GraphQL',
  },

  // --- gRPC
  {
    protocol: 'grpc',
    when: { client: 'service', pattern: ['request-response', 'bidirectional'] },
    weight: 4,
    reason: 'typed contracts, generated clients, deadlines and status codes between services',
    guide: 'When to Use gRPC',
  },
  {
    protocol: 'grpc',
    when: { client: 'service', latency: [...FAST] },
    weight: 2,
    reason: 'protobuf over one multiplexed HTTP/2 connection keeps internal calls cheap',
    guide: 'gRPC vs REST Decision',
  },
  {
    protocol: 'grpc',
    when: { client: 'device' },
    weight: -2,
    reason: 'HTTP/2 and TLS are heavy for a small device',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'grpc',
    when: { client: 'browser' },
    weight: 'exclude',
    reason: 'browsers cannot speak gRPC without a translating proxy (gRPC-Web)',
    guide: 'When to Use gRPC',
  },
  {
    protocol: 'grpc',
    when: { pattern: ['event', 'media-stream', 'server-push'] },
    weight: 'exclude',
    reason: 'the caller waits on the callee: no decoupling, no replay for later consumers',
    guide: 'Kafka',
  },

  // --- WebSocket
  {
    protocol: 'websocket',
    when: { pattern: 'bidirectional', client: [...PEOPLE] },
    weight: 4,
    reason: 'one connection carries both directions with a few bytes of framing per message',
    guide: 'When to Use WebSocket',
  },
  {
    protocol: 'websocket',
    when: { pattern: [...PUSH], latency: [...FAST] },
    weight: 2,
    reason: 'no request per message: the server writes the moment something happens',
    guide: 'WebSocket vs Polling',
  },
  {
    protocol: 'websocket',
    when: { pattern: [...PUSH], rate: ['moderate', 'high'] },
    weight: 1,
    reason: 'frequent messages amortise the one handshake',
    guide: 'WebSocket vs Polling',
  },
  {
    protocol: 'websocket',
    when: { socketsBlocked: 'yes' },
    weight: -5,
    reason: 'proxies that cut long-lived connections break it: it needs a fallback',
    guide: 'When to Use Long Polling',
  },
  {
    protocol: 'websocket',
    when: { pattern: 'request-response' },
    weight: -3,
    reason: 'request/response over a socket re-invents HTTP without its caching or tooling',
    guide: 'When to Use WebSocket',
  },
  {
    protocol: 'websocket',
    when: { cacheable: 'yes' },
    weight: -3,
    reason: 'nothing on a socket can be cached by HTTP caches',
    guide: 'When to Use WebSocket',
  },
  {
    protocol: 'websocket',
    when: { client: 'service' },
    weight: -3,
    reason: 'services have better options (gRPC streams, a broker) than hand-rolled socket protocols',
    guide: 'When to Use gRPC',
  },
  {
    protocol: 'websocket',
    when: { client: 'device', constrained: 'yes' },
    weight: -2,
    reason: 'a device gains QoS, retained state and a last will from MQTT',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'websocket',
    when: { pattern: ['event', 'media-stream'] },
    weight: 'exclude',
    reason: 'a socket to one receiver is not a log for many consumers, nor a media format',
    guide: 'Kafka',
  },

  // --- SSE
  {
    protocol: 'sse',
    when: { pattern: 'server-push', client: [...PEOPLE] },
    weight: 5,
    reason: 'one-way push over a plain HTTP response, with automatic reconnect',
    guide: 'When to Use SSE',
  },
  {
    protocol: 'sse',
    when: { pattern: 'server-push', rate: ['moderate', 'high'] },
    weight: 1,
    reason: 'a steady stream costs one open response, not a request each',
    guide: 'SSE vs WebSocket',
  },
  {
    protocol: 'sse',
    when: { pattern: 'server-push', delivery: ['reliable', 'durable'] },
    weight: 1,
    reason: 'event ids and Last-Event-ID let a reconnecting client resume without a gap',
    guide: 'How SSE Works',
  },
  {
    protocol: 'sse',
    when: { payload: 'large' },
    weight: -2,
    reason: 'it carries text only; binary needs encoding',
    guide: 'When to Use SSE',
  },
  {
    protocol: 'sse',
    when: { pattern: ['bidirectional', 'request-response', 'event', 'media-stream'] },
    weight: 'exclude',
    reason: 'the client cannot send on it: server to client only',
    guide: 'SSE vs WebSocket',
  },

  // --- Long polling
  {
    protocol: 'long-polling',
    when: { socketsBlocked: 'yes', pattern: [...PUSH] },
    weight: 6,
    reason: 'ordinary HTTP requests get through where long-lived sockets are cut',
    guide: 'When to Use Long Polling',
  },
  {
    protocol: 'long-polling',
    when: { pattern: [...PUSH], rate: ['rare', 'moderate'] },
    weight: 1,
    reason: 'at a few updates a minute the extra request per update is cheap',
    guide: 'When to Use Long Polling',
  },
  {
    protocol: 'long-polling',
    when: { rate: 'high' },
    weight: -3,
    reason: 'a request per update adds headers and a round trip to every message',
    guide: 'Long Polling Challenges',
  },
  {
    protocol: 'long-polling',
    when: { socketsBlocked: 'no', pattern: [...PUSH] },
    weight: -3,
    reason: 'where a WebSocket works, it is cheaper per message',
    guide: 'When to Use Long Polling',
  },
  {
    protocol: 'long-polling',
    when: { pattern: ['request-response', 'event', 'media-stream'] },
    weight: 'exclude',
    reason: 'it exists to emulate push; plain requests need nothing special',
    guide: 'When to Use Long Polling',
  },

  // --- Kafka
  {
    protocol: 'kafka',
    when: { pattern: 'event' },
    weight: 5,
    reason: 'producers publish and move on; consumers process at their own pace',
    guide: 'Kafka',
  },
  {
    protocol: 'kafka',
    when: { pattern: 'event', delivery: 'durable' },
    weight: 3,
    reason: 'replicated, acknowledged writes that consumers can replay from any offset',
    guide: 'Kafka',
  },
  {
    protocol: 'kafka',
    when: { pattern: 'event', fanout: 'many' },
    weight: 2,
    reason: 'each consumer group reads every record independently',
    guide: 'Kafka vs RabbitMQ',
  },
  {
    protocol: 'kafka',
    when: { crossReplica: 'yes' },
    weight: -4,
    reason: 'routing to whichever replica holds a socket wants no log: every replica would read everything',
    guide: 'Kafka',
  },
  {
    protocol: 'kafka',
    when: { latency: 'tight' },
    weight: -2,
    reason: 'batching and replication put milliseconds, not microseconds, on each record',
    guide: 'Protocol Comparison Matrix',
  },
  {
    protocol: 'kafka',
    when: { client: [...NOT_A_SERVICE] },
    weight: 'exclude',
    reason: 'a cluster protocol for services, not something to expose to clients',
    guide: 'Kafka',
  },
  {
    protocol: 'kafka',
    when: { pattern: ['request-response', 'bidirectional', 'server-push', 'media-stream'] },
    weight: 'exclude',
    reason: 'a log has no reply path to a waiting caller',
    guide: 'Kafka',
  },

  // --- Redis pub/sub
  {
    protocol: 'redis-pubsub',
    when: { pattern: 'event' },
    weight: 3,
    reason: 'PUBLISH reaches every current subscriber of a channel',
    guide: 'WebSocket Best Practices',
  },
  {
    protocol: 'redis-pubsub',
    when: { crossReplica: 'yes' },
    weight: 5,
    reason: 'each replica SUBSCRIBEs to the channels of the sockets it holds; senders need not know which',
    guide: 'WebSocket Best Practices',
  },
  {
    protocol: 'redis-pubsub',
    when: { latency: [...FAST] },
    weight: 2,
    reason: 'in memory, no disk, no acknowledgements: sub-millisecond on a LAN',
    guide: 'WebSocket Best Practices',
  },
  {
    protocol: 'redis-pubsub',
    when: { delivery: 'durable' },
    weight: -6,
    reason: 'at most once: a message published while nobody listens is gone',
    guide: 'Kafka vs RabbitMQ',
  },
  {
    protocol: 'redis-pubsub',
    when: { client: [...NOT_A_SERVICE] },
    weight: 'exclude',
    reason: 'an internal bus for services',
    guide: 'WebSocket Best Practices',
  },
  {
    protocol: 'redis-pubsub',
    when: { pattern: ['request-response', 'media-stream', 'server-push', 'bidirectional'] },
    weight: 'exclude',
    reason: 'publish/subscribe only',
    guide: 'WebSocket Best Practices',
  },

  // --- MQTT
  {
    protocol: 'mqtt',
    when: { client: 'device' },
    weight: 5,
    reason: 'built for devices: a 2-byte header, QoS 0/1/2, retained state, last will',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'mqtt',
    when: { constrained: 'yes' },
    weight: 4,
    reason: 'persistent sessions and QoS ride out flaky links; tiny packets spare the battery',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'mqtt',
    when: { pattern: ['event', 'server-push', 'bidirectional'], client: ['device', 'mobile-app'] },
    weight: 1,
    reason: 'publish/subscribe through a broker in both directions',
    guide: 'MQTT Features',
  },
  {
    protocol: 'mqtt',
    when: { client: 'browser' },
    weight: -4,
    reason: 'browsers reach it only through MQTT over WebSocket',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'mqtt',
    when: { client: 'service' },
    weight: -2,
    reason: 'between services a log (Kafka) or RPC (gRPC) fits better',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'mqtt',
    when: { payload: 'large' },
    weight: -3,
    reason: 'not made for large file transfers',
    guide: 'When to Use MQTT',
  },
  {
    protocol: 'mqtt',
    when: { pattern: ['request-response', 'media-stream'] },
    weight: 'exclude',
    reason: 'no request/response and no media format',
    guide: 'When to Use MQTT',
  },

  // --- TCP and UDP
  {
    protocol: 'tcp',
    when: { client: 'game-client', delivery: ['reliable', 'durable'] },
    weight: 4,
    reason: 'every event arrives, in order, with framing you choose byte by byte',
    guide: 'TCP vs UDP Comparison',
  },
  {
    protocol: 'tcp',
    when: { client: 'game-client', pattern: 'bidirectional' },
    weight: 2,
    reason: 'one connection both ways for the life of a session',
    guide: 'TCP (Transmission Control Protocol)',
  },
  {
    protocol: 'tcp',
    when: { delivery: 'best-effort', latency: 'tight' },
    weight: -4,
    reason: 'a lost packet holds back every newer one (head-of-line blocking)',
    guide: 'TCP vs UDP Comparison',
  },
  {
    protocol: 'tcp',
    when: { client: 'service' },
    weight: -2,
    reason: 'gRPC gives services framing, deadlines and codegen on top of it for free',
    guide: 'When to Use gRPC',
  },
  {
    protocol: 'tcp',
    when: { client: 'browser' },
    weight: 'exclude',
    reason: 'browsers cannot open raw sockets',
    guide: 'TCP vs UDP Comparison',
  },
  {
    protocol: 'tcp',
    when: { pattern: ['event', 'media-stream'] },
    weight: 'exclude',
    reason: 'a point-to-point byte stream, no broker and no media format',
    guide: 'TCP vs UDP Comparison',
  },
  {
    protocol: 'udp',
    when: { client: 'game-client', delivery: 'best-effort' },
    weight: 5,
    reason: 'the next snapshot replaces a lost one, so nothing waits for retransmission',
    guide: 'UDP (User Datagram Protocol)',
  },
  {
    protocol: 'udp',
    when: { latency: 'tight', delivery: 'best-effort' },
    weight: 3,
    reason: 'no handshake, no ordering, no retransmit: the lowest latency there is',
    guide: 'TCP vs UDP Comparison',
  },
  {
    protocol: 'udp',
    when: { delivery: ['reliable', 'durable'] },
    weight: -6,
    reason: 'no delivery or order guarantee: you would rebuild TCP on top',
    guide: 'TCP vs UDP Comparison',
  },
  {
    protocol: 'udp',
    when: { client: 'browser' },
    weight: 'exclude',
    reason: 'browsers cannot send raw datagrams',
    guide: 'TCP vs UDP Comparison',
  },
  {
    protocol: 'udp',
    when: { pattern: ['event', 'request-response', 'media-stream'] },
    weight: 'exclude',
    reason: 'datagrams to one peer, for state that is replaced each tick',
    guide: 'TCP vs UDP Comparison',
  },

  // --- Video
  {
    protocol: 'hls',
    when: { pattern: 'media-stream', fanout: 'many' },
    weight: 6,
    reason: 'segments are files: any HTTP cache serves the thousandth viewer',
    guide: 'HTTP/2 & HTTP/3 Improvements',
  },
  {
    protocol: 'hls',
    when: { pattern: 'media-stream', cacheable: 'yes' },
    weight: 2,
    reason: 'playlists and segments carry cache headers an edge can obey',
    guide: 'HTTP/2 & HTTP/3 Improvements',
  },
  {
    protocol: 'hls',
    when: { client: 'encoder' },
    weight: 'exclude',
    reason: 'HLS is how viewers fetch; an encoder pushes its feed with an ingest protocol',
    guide: 'Top 10 HLD Questions (netflix, twitch)',
  },
  {
    protocol: 'hls',
    when: { pattern: ['request-response', 'server-push', 'bidirectional', 'event'] },
    weight: 'exclude',
    reason: 'a media delivery format only',
    guide: 'Top 10 HLD Questions (netflix, twitch)',
  },
  {
    protocol: 'rtmp',
    when: { client: 'encoder', pattern: 'media-stream' },
    weight: 6,
    reason: 'what OBS and ffmpeg push a live feed with, over one TCP connection',
    guide: 'Top 10 HLD Questions (netflix, twitch)',
  },
  {
    protocol: 'rtmp',
    when: { client: ['browser', 'mobile-app', 'game-client', 'device', 'service'] },
    weight: 'exclude',
    reason: 'an ingest protocol for encoders: players and other clients do not speak it (no browser has since Flash)',
    guide: 'Top 10 HLD Questions (netflix, twitch)',
  },
]
