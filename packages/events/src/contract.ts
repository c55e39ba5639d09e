import { afterAll, afterEach, beforeAll, describe } from 'vitest'
import { batchContract } from './contract-batches'
import { deliveryContract } from './contract-delivery'
import { groupContract } from './contract-groups'
import { unique } from './contract-helpers'
import type { EventLog, SubscribeOptions, Subscription } from './event-log'

/** What each part of the suite gets: the log under test and helpers that clean up after a test. */
export interface ContractContext {
  readonly log: EventLog
  /** Subscribes; the subscription is stopped after the test. */
  subscribe(options: SubscribeOptions): Promise<Subscription>
  /** Creates a topic with a name unique to this run. */
  topic(partitions: number): Promise<string>
}

/**
 * The behaviour every EventLog must have, run against real Kafka and against MemoryEventLog.
 * If both pass, scenario code cannot tell them apart on these points. Names are unique per test,
 * so runs against a shared broker never collide.
 */
export function describeEventLogContract(name: string, makeLog: () => Promise<EventLog>, timeout = 20_000): void {
  describe(`EventLog contract against ${name}`, { timeout }, () => {
    let log: EventLog | undefined
    const subscriptions: Subscription[] = []
    const context: ContractContext = {
      get log() {
        if (!log) throw new Error('the log under test did not start')
        return log
      },
      async subscribe(options) {
        const subscription = await context.log.subscribe(options)
        subscriptions.push(subscription)
        return subscription
      },
      async topic(partitions) {
        const topic = unique('topic')
        await context.log.createTopics([{ topic, partitions }])
        return topic
      },
    }

    beforeAll(async () => {
      log = await makeLog()
    }, 60_000)
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()))
    })
    afterAll(async () => {
      await log?.close()
    })

    groupContract(context)
    deliveryContract(context)
    batchContract(context)
  })
}
