import {
  type Env,
  readBindHost,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readTopicPrefix,
} from '@wired/runtime'
import { readWireConfig } from '@wired/wire'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    /** /metrics, /healthz and the browsers' WebSocket (/play). */
    httpPort: readPort(env, 'HTTP_PORT', { default: 8121 }),
    udpPort: readPort(env, 'UDP_PORT', { default: 7777 }),
    tcpPort: readPort(env, 'TCP_PORT', { default: 7778 }),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    /** The deployment's shared secret: match tickets signed by the api are verified with it. */
    grpcSecret: readGrpcSecret(env),
    /** Simulation steps per second. Movement is defined per 60 Hz tick (src/shared/movement.ts). */
    tickHz: readInt(env, 'TICK_HZ', { default: 60, min: 1, max: 240 }),
    matchCapacity: readInt(env, 'MATCH_CAPACITY', { default: 32, min: 1, max: 255 }),
    /** Unsent bytes a TCP or WebSocket client may fall behind by before it is dropped (README: 256 KiB). */
    maxUnsentBytes: readInt(env, 'MAX_UNSENT_BYTES', { default: 256 * 1024, min: 4096 }),
    wireCollectorUrl: readWireConfig(env).collectorUrl,
    logLevel: readLogLevel(env),
  }
}

export type GameConfig = ReturnType<typeof loadConfig>
