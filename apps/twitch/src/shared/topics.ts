/**
 * The scenario's Kafka contract. Every topic is keyed by channel, so one channel's records stay in
 * order on one partition.
 *
 *   twitch.stream-events   ingest → api (live list, stream info)
 *   twitch.chat-messages   chat servers → analytics (messages per channel per minute)
 *   twitch.clip-jobs       api → clipper (cut the last 30 s with ffmpeg)
 *   twitch.clip-results    clipper → api (the clip's state)
 */
import { defaultDeadLetterTopic, type EventLog, eventType } from '@wired/events'
import {
  ChatMessagePosted,
  ClipFinished,
  ClipRequested,
  StreamEnded,
  StreamStarted,
} from '@wired/proto/twitch/v1/events'

/** `prefix` is empty in a deployment; tests sharing one broker pass a run id. */
export const twitchTopics = (prefix = '') => ({
  streamEvents: `${prefix}twitch.stream-events`,
  chatMessages: `${prefix}twitch.chat-messages`,
  clipJobs: `${prefix}twitch.clip-jobs`,
  clipResults: `${prefix}twitch.clip-results`,
})

export type TwitchTopics = ReturnType<typeof twitchTopics>

export const consumerGroups = (prefix = '') => ({
  apiStreams: `${prefix}twitch-api-streams`,
  apiClips: `${prefix}twitch-api-clips`,
  analytics: `${prefix}twitch-analytics`,
  clipper: `${prefix}twitch-clipper`,
})

export const PARTITIONS = 6

export const StreamStartedEvent = eventType('wired.twitch.v1.StreamStarted', StreamStarted)
export const StreamEndedEvent = eventType('wired.twitch.v1.StreamEnded', StreamEnded)
export const ChatMessagePostedEvent = eventType('wired.twitch.v1.ChatMessagePosted', ChatMessagePosted)
export const ClipRequestedEvent = eventType('wired.twitch.v1.ClipRequested', ClipRequested)
export const ClipFinishedEvent = eventType('wired.twitch.v1.ClipFinished', ClipFinished)

export async function ensureTopics(eventLog: EventLog, topics: TwitchTopics): Promise<void> {
  await eventLog.createTopics(
    Object.values(topics).flatMap((topic) => [
      { topic, partitions: PARTITIONS },
      { topic: defaultDeadLetterTopic(topic), partitions: 1 },
    ]),
  )
}
