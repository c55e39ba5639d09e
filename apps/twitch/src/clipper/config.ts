import { type Env, readKafkaBrokers, readLogLevel, readString, readTopicPrefix } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    /** Reads streams' segments from it, writes clips/<clipId>.mp4 to it (served by the origin). */
    mediaDir: readString(env, 'TWITCH_MEDIA_DIR'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    logLevel: readLogLevel(env),
  }
}

export type ClipperConfig = ReturnType<typeof loadConfig>
