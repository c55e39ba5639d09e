import type { EventLog, SubscribeOptions, Subscription } from '@wired/events'
import type { Logger } from '@wired/runtime'

/**
 * Joins a consumer group, trying again a few times when Kafka answers "not the coordinator for
 * this group" or similar while a fresh group's coordinator is still being elected (seen on a
 * busy single-broker Kafka right after the group's first use). A service that cannot join after
 * that fails its start, loudly.
 */
export async function joinGroup(
  events: EventLog,
  options: SubscribeOptions,
  logger: Logger,
  attempts = 4,
): Promise<Subscription> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await events.subscribe(options)
    } catch (error) {
      if (attempt >= attempts) throw error
      logger.warn({ err: error, groupId: options.groupId, attempt }, 'consumer group join failed, retrying')
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt))
    }
  }
}
