import { type EventLog, encodeEvent } from '@wired/events'
import { ChatMessagePostedEvent, type TwitchTopics } from '../../shared/topics'

/** twitch.chat-messages, keyed by channel: one ChatMessagePosted per accepted message, for analytics. */
export class ChatEventsPublisher {
  constructor(
    private readonly eventLog: EventLog,
    private readonly topics: TwitchTopics,
    private readonly serverId: string,
  ) {}

  messagePosted(message: { channel: string; id: string; user: string; textLength: number; at: number }) {
    return this.eventLog.publish(this.topics.chatMessages, [
      {
        key: message.channel,
        ...encodeEvent(ChatMessagePostedEvent, {
          channel: message.channel,
          messageId: message.id,
          user: message.user,
          textLength: message.textLength,
          atMs: message.at,
          server: this.serverId,
        }),
      },
    ])
  }
}
