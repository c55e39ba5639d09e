import { decodeEvent, type EventLog } from '@wired/events'
import { MessageAcceptedEvent } from '../../shared/topics'
import type { AcceptedMessage, MessageCounts } from '../adapters/message-counts'

/**
 * Kafka consumer: group `whatsapp-analytics` on topic `whatsapp.messages`. Its own group, so it
 * reads every record at its own pace; when it lags or is down, delivery does not notice.
 */
export function consumeMessageCounts(eventLog: EventLog, topic: string, groupId: string, counts: MessageCounts) {
  return eventLog.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    // A batch at a time: one statement per fetched batch (see MessageCounts.count).
    batchHandler: async (records) => {
      const accepted: AcceptedMessage[] = []
      for (const record of records) {
        const { message } = decodeEvent(MessageAcceptedEvent, record)
        if (message)
          accepted.push({
            messageId: message.messageId,
            sentAt: new Date(message.sentAtMs),
            hasMedia: message.media !== undefined,
          })
      }
      await counts.count(accepted)
    },
  })
}
