import { deleteKafkaRunLeftovers, resolveInfra } from '@wired/testkit'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, expect, it } from 'vitest'
import { createKafkaEventLog, type EventLog } from '../src'
import { eventually, RUN_PREFIX, unique } from '../src/contract-helpers'

const logs: EventLog[] = []
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  await Promise.all([...logs.map((log) => log.close()), ...cleanups.map((cleanup) => cleanup())])
  await deleteKafkaRunLeftovers((await resolveInfra(['kafka'])).kafkaBrokers, RUN_PREFIX)
})

// Services start together and each creates the topics it touches. Whoever loses the race gets
// "already exists" before the winner's partitions have leaders; createTopics must still only
// resolve once the topics are usable, so a publish right after it works for every caller.
it('lets several clients create the same topics at once, each able to publish right after', {
  timeout: 60_000,
}, async () => {
  const { kafkaBrokers } = await resolveInfra(['kafka'])
  const admin = new Kafka({ clientId: 'topics-race-check', brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  cleanups.push(() => admin.disconnect())
  for (let i = 0; i < 4; i++)
    logs.push(await createKafkaEventLog({ brokers: kafkaBrokers, clientId: `topics-race-${i}` }))
  for (let round = 0; round < 3; round++) {
    const specs = [6, 3, 1].map((partitions) => ({ topic: unique('race'), partitions }))
    await Promise.all(
      logs.map(async (log, i) => {
        await log.createTopics(specs)
        // Usable as asked for: the partition counts requested, each partition with a leader.
        const { topics } = await admin.fetchTopicMetadata({ topics: specs.map(({ topic }) => topic) })
        const counts = new Map(topics.map(({ name, partitions }) => [name, partitions.length]))
        expect(specs.map(({ topic }) => counts.get(topic))).toEqual([6, 3, 1])
        expect(topics.every(({ partitions }) => partitions.every(({ leader }) => leader >= 0))).toBe(true)
        const received: string[] = []
        const subscription = await log.subscribe({
          groupId: unique('race-group'),
          topics: specs.map(({ topic }) => topic),
          fromBeginning: true,
          handler: async (record) => {
            received.push(record.topic)
          },
        })
        for (const { topic } of specs) {
          await log.publish(topic, [{ key: `k${i}`, value: new TextEncoder().encode(`from ${i}`) }])
        }
        // Every client's record on every topic reaches every group.
        await eventually(() => received.length === specs.length * logs.length, `client ${i} to read 12 records`, 30_000)
        await subscription.stop()
      }),
    )
  }
})
