import {
  type Env,
  readBindHost,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readString,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    /** RTMP publishes (OBS, ./wired stream): rtmp://<host>:<port>/live/<stream key>. */
    rtmpPort: readPort(env, 'RTMP_PORT', { default: 1935 }),
    /** Ingest control (internal): GET /streams, POST /streams/:channel/stop. */
    httpPort: readPort(env, 'HTTP_PORT', { default: 8645 }),
    /** Where live HLS is written (served by the origin). */
    mediaDir: readString(env, 'TWITCH_MEDIA_DIR'),
    /** Stream keys are HMACs under the deployment's shared secret (src/shared/stream-key.ts). */
    grpcSecret: readGrpcSecret(env),
    /** No media for this long ends a stream with reason "timeout" (README, "RTMP ingest"). */
    idleTimeoutMs: readInt(env, 'INGEST_IDLE_TIMEOUT_MS', { default: 5_000, min: 500, max: 600_000 }),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    logLevel: readLogLevel(env),
  }
}

export type IngestConfig = ReturnType<typeof loadConfig>
