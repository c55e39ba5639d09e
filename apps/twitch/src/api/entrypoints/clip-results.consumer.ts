import { decodeEvent, type EventLog } from '@wired/events'
import { ClipFinishedEvent } from '../../shared/topics'
import type { ClipRepository } from '../adapters/clip.repository'

/** Group `twitch-api-clips` on twitch.clip-results (written by the clipper): a clip turns ready or failed. */
export function consumeClipResults(eventLog: EventLog, topic: string, groupId: string, clips: ClipRepository) {
  return eventLog.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    maxRetries: 8,
    retryBackoffMs: 100,
    handler: async (record) => {
      await clips.finish(decodeEvent(ClipFinishedEvent, record))
    },
  })
}
