import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/** What the hub shows: every scenario of SCENARIOS.md, what it teaches and over which protocols. */
export interface ScenarioCard {
  name: string
  title: string
  teaches: string
  protocols: string[]
}

export const repoRoot = resolve(import.meta.dirname, '../../..')

export const SCENARIOS: ScenarioCard[] = [
  {
    name: 'whatsapp',
    title: 'WhatsApp: real-time messaging',
    teaches:
      'Why chat is a WebSocket, how Redis pub/sub routes between gateway replicas, and how Kafka makes delivery at-least-once without duplicates.',
    protocols: ['WebSocket', 'REST', 'gRPC', 'Kafka', 'Redis pub/sub'],
  },
  {
    name: 'uber',
    title: 'Uber: ride hailing and live location',
    teaches:
      'Why drivers publish GPS over MQTT with QoS 1, how Redis GEO finds the nearest car, and how a ride moves through Kafka events.',
    protocols: ['MQTT', 'WebSocket', 'REST', 'gRPC', 'Kafka', 'Redis GEO'],
  },
  {
    name: 'twitter',
    title: 'Twitter: home feed',
    teaches:
      'Why a feed is REST with HTTP caching, why fan-out goes through Kafka, and why celebrities are merged at read time.',
    protocols: ['REST', 'HTTP caching', 'WebSocket', 'Kafka', 'gRPC', 'Redis'],
  },
  {
    name: 'robinhood',
    title: 'Robinhood: stock trading',
    teaches:
      'Throttled, batched prices over WebSocket, read-only tickers over SSE, and orders that execute exactly once.',
    protocols: ['WebSocket', 'SSE', 'REST', 'gRPC', 'Kafka', 'Redis'],
  },
  {
    name: 'netflix',
    title: 'Netflix: video on demand',
    teaches: 'An upload through a Kafka pipeline, adaptive bitrate over HTTP/2, and an edge cache absorbing viewers.',
    protocols: ['HLS', 'HTTP/2', 'REST', 'Kafka', 'gRPC'],
  },
  {
    name: 'amazon',
    title: 'Amazon: e-commerce',
    teaches: 'REST and GraphQL side by side on the same data, a gRPC checkout path, and stock that never oversells.',
    protocols: ['REST', 'GraphQL', 'gRPC', 'Kafka', 'Redis'],
  },
  {
    name: 'google-docs',
    title: 'Google Docs: collaborative editing',
    teaches:
      'Operational transformation over WebSocket, long polling as a working fallback, and versions rebuilt from a Kafka log.',
    protocols: ['WebSocket', 'long polling', 'SSE', 'Kafka'],
  },
  {
    name: 'gaming',
    title: 'Multiplayer game',
    teaches:
      'State over UDP at a fixed tick with loss tolerated, events over TCP, and why browsers need a WebSocket fallback.',
    protocols: ['UDP', 'TCP', 'WebSocket', 'REST'],
  },
  {
    name: 'smart-home',
    title: 'Smart home: IoT',
    teaches:
      "MQTT's QoS levels, retained state, last will and persistent sessions, and a bridge into Kafka without loss.",
    protocols: ['MQTT', 'Kafka', 'SSE', 'REST'],
  },
  {
    name: 'twitch',
    title: 'Twitch: live streaming',
    teaches: 'RTMP ingest, live HLS with short segments through an edge cache, and chat that spans servers.',
    protocols: ['RTMP', 'HLS', 'WebSocket', 'Kafka'],
  },
]

/** A scenario is runnable once its app ships an embedded entry point. */
export const isRunnable = (name: string): boolean => existsSync(resolve(repoRoot, 'apps', name, 'src/embedded.ts'))
