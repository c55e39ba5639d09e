/**
 * One pipeline stage as a Kafka consumer: read a record of the stage's input type, do the work,
 * publish the stage's output keyed by video id. The offset is committed only after the handler
 * resolved (at-least-once), so every `work` must be idempotent: a stage killed mid-job sees the
 * same record again and must end where one clean run would.
 */
import { decodeEvent, type EventLog, type EventType, encodeEvent } from '@wired/events'
import type { Logger } from '@wired/runtime'

export interface StageOptions<In, Out> {
  name: string
  eventLog: EventLog
  groupId: string
  from: { topic: string; type: EventType<In> }
  to?: { topic: string; type: EventType<Out> }
  /** Does the stage's work; what it returns is published (nothing when it returns undefined). */
  work(input: In): Promise<{ videoId: string; output: Out } | undefined>
  logger: Logger
}

export function consumeStage<In, Out>(options: StageOptions<In, Out>) {
  const { eventLog, from, to, logger } = options
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [from.topic],
    fromBeginning: true,
    handler: async (record) => {
      const input = decodeEvent(from.type, record)
      const result = await options.work(input)
      if (result && to) {
        await eventLog.publish(to.topic, [{ key: result.videoId, ...encodeEvent(to.type, result.output) }])
      }
      logger.info({ stage: options.name, videoId: result?.videoId }, 'stage done')
    },
  })
}
