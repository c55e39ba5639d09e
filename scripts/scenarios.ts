import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/** The catalogue the hub shows: every scenario of SCENARIOS.md, plus the protocol lab. */
export interface Scenario {
  name: string
  title: string
  protocols: string
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'whatsapp',
    title: 'WhatsApp: real-time messaging',
    protocols: 'WebSocket, REST, gRPC, Kafka, Redis pub/sub',
  },
  {
    name: 'uber',
    title: 'Uber: ride hailing and live location',
    protocols: 'MQTT, WebSocket, REST, gRPC, Kafka, Redis GEO',
  },
  { name: 'twitter', title: 'Twitter: home feed', protocols: 'REST + HTTP caching, WebSocket, Kafka, gRPC, Redis' },
  { name: 'robinhood', title: 'Robinhood: stock trading', protocols: 'WebSocket, SSE, REST, gRPC, Kafka' },
  { name: 'netflix', title: 'Netflix: video on demand', protocols: 'HLS over HTTP/2, REST, Kafka, gRPC' },
  { name: 'amazon', title: 'Amazon: e-commerce', protocols: 'REST, GraphQL, gRPC, Kafka, Redis' },
  {
    name: 'google-docs',
    title: 'Google Docs: collaborative editing',
    protocols: 'WebSocket, long polling, SSE, Kafka',
  },
  { name: 'gaming', title: 'Multiplayer game', protocols: 'UDP, TCP, WebSocket, REST' },
  { name: 'smart-home', title: 'Smart home: IoT', protocols: 'MQTT, Kafka, SSE, REST' },
  { name: 'twitch', title: 'Twitch: live streaming', protocols: 'RTMP, HLS, WebSocket, Kafka' },
]

export const repoRoot = resolve(import.meta.dirname, '..')

export function embeddedEntry(name: string): string {
  return resolve(repoRoot, 'apps', name, 'src/embedded.ts')
}

/** A scenario is runnable once its app ships an embedded entry point. */
export function isRunnable(name: string): boolean {
  return existsSync(embeddedEntry(name))
}
