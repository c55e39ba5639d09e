import { type Env, readKafkaBrokers, readLogLevel, readString, readTopicPrefix } from '@wired/runtime'

/** What every pipeline stage reads: the broker, the topic prefix, and the object store's folder. */
export function readStageConfig(env: Env) {
  return {
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    dataDir: readString(env, 'NETFLIX_DATA_DIR'),
    logLevel: readLogLevel(env),
  }
}
