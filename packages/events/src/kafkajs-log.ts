import { logLevel } from 'kafkajs'

/**
 * Answers kafkajs logs at ERROR from its connection layer and then retries on its own: a
 * CreateTopics "already exists" when two services create the same topics at boot (createTopics
 * decides whether that matters), and the coordinator or leader not being ready yet on a broker
 * that just started. Each was an error line in every service's log at every boot of a scenario,
 * for nothing; a retry that finally fails still surfaces, as the error the caller gets.
 */
const TRANSIENT_ON_BOOT = [
  'Topic creation errors',
  'The group coordinator is not available',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server is not the leader for that topic-partition',
]

export type LogMethod = 'error' | 'warn' | 'debug'

/** Which of our logger's methods one kafkajs log line goes to. */
export function kafkajsLogMethod(namespace: string, level: logLevel, log: { error?: unknown }): LogMethod {
  if (namespace === 'Connection' && typeof log.error === 'string' && TRANSIENT_ON_BOOT.includes(log.error))
    return 'debug'
  return level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug'
}
