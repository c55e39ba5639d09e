import {
  type Env,
  readAllowedOrigins,
  readBindHost,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readRedisKeyPrefix,
  readRedisUrl,
  readString,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    httpPort: readPort(env, 'HTTP_PORT', { default: 8104 }),
    /** Names this process in the welcome frame, in presence entries and in ChatMessagePosted; replicas must differ. */
    serverId: readString(env, 'CHAT_SERVER_ID', { default: 'chat-a' }),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env, 'twitch:'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    /** Verifies the api's user tokens (src/shared/user-token.ts). */
    sharedSecret: readGrpcSecret(env),
    /**
     * Browser origins allowed to open a socket. '*' by default: the Origin check defends ambient
     * credentials (cookies), and a chat socket carries none; its token is offered explicitly.
     */
    allowedOrigins: allowedOrigins(readAllowedOrigins(env)),
    /** Per user, across both servers (Redis): messages per window; past it RATE_LIMITED, nothing broadcast. */
    userMessagesPerWindow: readInt(env, 'CHAT_USER_MESSAGES', { default: 20, min: 1 }),
    userWindowSeconds: readInt(env, 'CHAT_USER_WINDOW_SECONDS', { default: 30, min: 1, max: 3600 }),
    /** Per socket, any frame: a client past it is closed with 1008 (a flood the per-user limit need not answer). */
    framesPerSecond: readInt(env, 'CHAT_FRAMES_PER_SECOND', { default: 25, min: 1 }),
    heartbeatMs: readInt(env, 'HEARTBEAT_MS', { default: 15_000, min: 100 }),
    logLevel: readLogLevel(env),
  }
}

const allowedOrigins = (origins: string[] | '*'): string[] | '*' => (origins.length === 0 ? '*' : origins)

export type ChatConfig = ReturnType<typeof loadConfig>
