import type { ProtocolId } from './protocols'
import type { Answers } from './questions'

/**
 * The edges of the ten scenarios (SCENARIOS.md), each described by its requirements, and the
 * protocol the guide puts on it. The tests check that the rules recommend exactly that; the CLI
 * and page offer them as worked examples.
 */
export interface ScenarioEdge {
  scenario: string
  edge: string
  answers: Partial<Answers>
  expected: ProtocolId
}

const browserApi: Partial<Answers> = { client: 'browser', pattern: 'request-response' }
const internalCall: Partial<Answers> = {
  client: 'service',
  pattern: 'request-response',
  latency: 'interactive',
  rate: 'high',
}
const eventLog: Partial<Answers> = { client: 'service', pattern: 'event', delivery: 'durable', fanout: 'many' }
const betweenReplicas: Partial<Answers> = {
  client: 'service',
  pattern: 'event',
  latency: 'interactive',
  delivery: 'best-effort',
  fanout: 'many',
  crossReplica: 'yes',
}
const liveTwoWay: Partial<Answers> = {
  client: 'browser',
  pattern: 'bidirectional',
  latency: 'interactive',
  rate: 'moderate',
}
const liveOneWay: Partial<Answers> = {
  client: 'browser',
  pattern: 'server-push',
  latency: 'interactive',
  rate: 'moderate',
}

export const SCENARIO_EDGES: ScenarioEdge[] = [
  {
    scenario: 'whatsapp',
    edge: 'client ↔ gateway: messages, typing, receipts',
    answers: liveTwoWay,
    expected: 'websocket',
  },
  {
    scenario: 'whatsapp',
    edge: 'client → api: media upload, history',
    answers: { ...browserApi, payload: 'large' },
    expected: 'rest',
  },
  { scenario: 'whatsapp', edge: 'gateway → message service: send, mark read', answers: internalCall, expected: 'grpc' },
  {
    scenario: 'whatsapp',
    edge: 'message service → persistence, analytics, audit',
    answers: eventLog,
    expected: 'kafka',
  },
  {
    scenario: 'whatsapp',
    edge: 'gateway ↔ gateway: route to the recipient’s socket',
    answers: betweenReplicas,
    expected: 'redis-pubsub',
  },

  {
    scenario: 'uber',
    edge: 'driver app → location: GPS every 4 s',
    answers: { client: 'mobile-app', pattern: 'event', rate: 'moderate', constrained: 'yes' },
    expected: 'mqtt',
  },
  {
    scenario: 'uber',
    edge: 'rider app ↔ gateway: driver position, ETA, cancel',
    answers: liveTwoWay,
    expected: 'websocket',
  },
  { scenario: 'uber', edge: 'apps → api: signup, ride request, payment', answers: browserApi, expected: 'rest' },
  {
    scenario: 'uber',
    edge: 'matching → location, pricing: nearby drivers, quotes',
    answers: internalCall,
    expected: 'grpc',
  },
  { scenario: 'uber', edge: 'ride lifecycle and location history', answers: eventLog, expected: 'kafka' },

  {
    scenario: 'twitter',
    edge: 'client → api: GET /feed with ETag, post, like',
    answers: { ...browserApi, cacheable: 'yes' },
    expected: 'rest',
  },
  {
    scenario: 'twitter',
    edge: 'client ↔ push: new-post banner, like counters of the posts on screen',
    answers: liveTwoWay,
    expected: 'websocket',
  },
  {
    scenario: 'twitter',
    edge: 'post created → fan-out, trending, notifications',
    answers: eventLog,
    expected: 'kafka',
  },
  { scenario: 'twitter', edge: 'feed → post, user, like services: hydration', answers: internalCall, expected: 'grpc' },

  {
    scenario: 'robinhood',
    edge: 'client ↔ price gateway: subscribe, throttled prices',
    answers: {
      client: 'browser',
      pattern: 'bidirectional',
      latency: 'interactive',
      rate: 'high',
      delivery: 'best-effort',
    },
    expected: 'websocket',
  },
  {
    scenario: 'robinhood',
    edge: 'read-only ticker widgets',
    answers: { ...liveOneWay, delivery: 'reliable' },
    expected: 'sse',
  },
  { scenario: 'robinhood', edge: 'client → api: orders with idempotency keys', answers: browserApi, expected: 'rest' },
  {
    scenario: 'robinhood',
    edge: 'order → portfolio, risk, settlement',
    answers: { ...internalCall, latency: 'tight' },
    expected: 'grpc',
  },
  { scenario: 'robinhood', edge: 'orders and trades log', answers: eventLog, expected: 'kafka' },

  {
    scenario: 'netflix',
    edge: 'player ← edge/origin: playlists and segments',
    answers: {
      client: 'browser',
      pattern: 'media-stream',
      fanout: 'many',
      payload: 'large',
      cacheable: 'yes',
      rate: 'high',
    },
    expected: 'hls',
  },
  {
    scenario: 'netflix',
    edge: 'client → api: metadata, views, comments',
    answers: { ...browserApi, cacheable: 'yes' },
    expected: 'rest',
  },
  {
    scenario: 'netflix',
    edge: 'upload → transcode → thumbnail → moderation → ready',
    answers: eventLog,
    expected: 'kafka',
  },
  { scenario: 'netflix', edge: 'video → recommendation, analytics', answers: internalCall, expected: 'grpc' },

  {
    scenario: 'amazon',
    edge: 'browser → api: catalog, cart, orders',
    answers: { ...browserApi, cacheable: 'yes' },
    expected: 'rest',
  },
  {
    scenario: 'amazon',
    edge: 'mobile → api: one query for a product page',
    answers: { client: 'mobile-app', pattern: 'request-response', composite: 'yes' },
    expected: 'graphql',
  },
  { scenario: 'amazon', edge: 'order → inventory, pricing, payment', answers: internalCall, expected: 'grpc' },
  {
    scenario: 'amazon',
    edge: 'order placed → fulfilment, shipping, notification',
    answers: eventLog,
    expected: 'kafka',
  },

  {
    scenario: 'google-docs',
    edge: 'editor ↔ collaboration server: ops, acks, cursors',
    answers: liveTwoWay,
    expected: 'websocket',
  },
  {
    scenario: 'google-docs',
    edge: 'editor behind a proxy that cuts sockets',
    answers: { ...liveTwoWay, socketsBlocked: 'yes' },
    expected: 'long-polling',
  },
  {
    scenario: 'google-docs',
    edge: 'read-only viewer following the text',
    answers: { ...liveOneWay, delivery: 'reliable' },
    expected: 'sse',
  },
  {
    scenario: 'google-docs',
    edge: 'client → api: documents, sharing, versions',
    answers: browserApi,
    expected: 'rest',
  },
  { scenario: 'google-docs', edge: 'every operation, for history and rebuilds', answers: eventLog, expected: 'kafka' },
  {
    scenario: 'google-docs',
    edge: 'collaboration replica ↔ replica',
    answers: betweenReplicas,
    expected: 'redis-pubsub',
  },

  {
    scenario: 'gaming',
    edge: 'game client ↔ server: inputs and snapshots at 60 Hz',
    answers: {
      client: 'game-client',
      pattern: 'bidirectional',
      latency: 'tight',
      rate: 'high',
      delivery: 'best-effort',
    },
    expected: 'udp',
  },
  {
    scenario: 'gaming',
    edge: 'game client ↔ server: joins, pickups, score, chat',
    answers: {
      client: 'game-client',
      pattern: 'bidirectional',
      latency: 'interactive',
      rate: 'moderate',
      delivery: 'reliable',
    },
    expected: 'tcp',
  },
  {
    scenario: 'gaming',
    edge: 'browser player ↔ server',
    answers: { client: 'browser', pattern: 'bidirectional', latency: 'tight', rate: 'high', delivery: 'best-effort' },
    expected: 'websocket',
  },
  { scenario: 'gaming', edge: 'client → api: lobby, matchmaking, leaderboards', answers: browserApi, expected: 'rest' },

  {
    scenario: 'smart-home',
    edge: 'devices ↔ broker: telemetry, commands',
    answers: { client: 'device', pattern: 'bidirectional', rate: 'moderate', constrained: 'yes' },
    expected: 'mqtt',
  },
  { scenario: 'smart-home', edge: 'broker → pipeline: telemetry into the log', answers: eventLog, expected: 'kafka' },
  {
    scenario: 'smart-home',
    edge: 'dashboard: live readings',
    answers: { ...liveOneWay, delivery: 'reliable' },
    expected: 'sse',
  },
  {
    scenario: 'smart-home',
    edge: 'dashboard → api: devices, history, commands',
    answers: browserApi,
    expected: 'rest',
  },

  {
    scenario: 'twitch',
    edge: 'streamer → ingest: the live feed',
    answers: { client: 'encoder', pattern: 'media-stream', latency: 'interactive', payload: 'large' },
    expected: 'rtmp',
  },
  {
    scenario: 'twitch',
    edge: 'ingest → viewers through the edge cache',
    answers: {
      client: 'browser',
      pattern: 'media-stream',
      fanout: 'many',
      payload: 'large',
      cacheable: 'yes',
      rate: 'high',
    },
    expected: 'hls',
  },
  { scenario: 'twitch', edge: 'viewers ↔ chat', answers: { ...liveTwoWay, fanout: 'many' }, expected: 'websocket' },
  { scenario: 'twitch', edge: 'client → api: start/stop stream, clips', answers: browserApi, expected: 'rest' },
  { scenario: 'twitch', edge: 'stream and chat events, clip jobs', answers: eventLog, expected: 'kafka' },
  { scenario: 'twitch', edge: 'chat server ↔ chat server', answers: betweenReplicas, expected: 'redis-pubsub' },
]
