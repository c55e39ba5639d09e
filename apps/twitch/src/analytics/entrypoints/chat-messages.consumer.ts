import { decodeEvent, type EventLog } from '@wired/events'
import { ChatMessagePostedEvent } from '../../shared/topics'
import type { ChatMinutesRepository, PostedMessage } from '../adapters/chat-minutes.repository'

/**
 * Group `twitch-analytics` on twitch.chat-messages. Its own group, so it reads at its own pace:
 * when it lags or is down, chat does not notice. A batch at a time: one statement per batch.
 */
export function consumeChatMessages(
  eventLog: EventLog,
  topic: string,
  groupId: string,
  minutes: ChatMinutesRepository,
) {
  return eventLog.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    batchHandler: async (records) => {
      const posted: PostedMessage[] = records.map((record) => {
        const message = decodeEvent(ChatMessagePostedEvent, record)
        return { messageId: message.messageId, channel: message.channel, at: new Date(message.atMs) }
      })
      await minutes.count(posted)
    },
  })
}
