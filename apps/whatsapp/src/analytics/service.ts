import type { ServiceDeps } from '@wired/kit'
import { createRecordingService } from '../shared/recording-service'
import { MessageCounts } from './adapters/message-counts'
import type { AnalyticsConfig } from './config'
import { consumeMessageCounts } from './entrypoints/message-counts.consumer'

/** Analytics: a Kafka consumer turning whatsapp.messages into messages-per-minute rows. */
export function createService(config: AnalyticsConfig, deps: ServiceDeps = {}) {
  return createRecordingService(config, deps, {
    clientId: 'whatsapp-analytics',
    migrations: new URL('./migrations', import.meta.url).pathname,
    consume: (eventLog, pool, topics, groups) =>
      consumeMessageCounts(eventLog, topics.messages, groups.analytics, new MessageCounts(pool)),
  })
}
