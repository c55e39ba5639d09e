import { type EventLog, encodeEvent } from '@wired/events'
import type { DispatchProgress } from '@wired/proto/uber/v1/events'
import type { Logger } from '@wired/runtime'
import { DISPATCH_PROGRESS, KAFKA_TOPICS } from '../../shared/kafka-topics'

export type DispatchStep = Omit<DispatchProgress, 'occurredAtMs'>

export interface DispatchProgressPublisher {
  /** Fire and forget: the search does not wait for Kafka, and a lost step is replaced by the next. */
  publish(step: DispatchStep): void
}

/** Kafka rides.dispatch, key = ride id: one partition per ride keeps its steps in order. */
export function createDispatchProgressPublisher(events: EventLog, logger: Logger): DispatchProgressPublisher {
  return {
    publish(step) {
      const message: DispatchProgress = { ...step, occurredAtMs: Date.now() }
      events
        .publish(KAFKA_TOPICS.rideDispatch, [{ key: step.rideId, ...encodeEvent(DISPATCH_PROGRESS, message) }])
        .catch((error: unknown) => logger.warn({ err: error, rideId: step.rideId }, 'dispatch progress not published'))
    },
  }
}
