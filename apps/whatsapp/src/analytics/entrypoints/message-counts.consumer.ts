import { decodeEvent, type EventLog } from '@wired/events'
import { MessageAcceptedEvent } from '../../shared/topics'
import type { MessageCounts } from '../adapters/message-counts'

/**
 * Kafka consumer: group `whatsapp-analytics` on topic `whatsapp.messages`. Its own group, so it
 * reads every record at its own pace; when it lags or is down, delivery does not notice.
 */
export function consumeMessageCounts(eventLog: EventLog, topic: string, groupId: string, counts: MessageCounts) {
  return eventLog.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    handler: async (record) => {
      const { message } = decodeEvent(MessageAcceptedEvent, record)
      if (!message) return
      await counts.count(message.messageId, new Date(message.sentAtMs), message.media !== undefined)
    },
  })
}
