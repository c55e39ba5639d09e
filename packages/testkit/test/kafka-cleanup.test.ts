import { randomBytes } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { expect, it } from 'vitest'
import { deleteKafkaRunLeftovers, resolveInfra, waitFor } from '../src/index'

it('deletes a run’s topics and consumer groups, and leaves other names alone', { timeout: 60_000 }, async () => {
  const { kafkaBrokers } = await resolveInfra(['kafka'])
  const prefix = `cleanup-test-${randomBytes(3).toString('hex')}.`
  const kafka = new Kafka({ clientId: 'cleanup-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  const other = `other-${prefix}kept` // starts with 'other-', not with the prefix
  try {
    // Not kafkajs's waitForLeaders: it gives up on "does not host this topic-partition", which
    // the broker answers for the first few milliseconds. Poll the metadata instead.
    const names = [`${prefix}a`, `${prefix}a.dlq`, other]
    await admin.createTopics({ topics: names.map((topic) => ({ topic })), waitForLeaders: false })
    await waitFor(
      async () =>
        (await admin.fetchTopicMetadata({ topics: names })).topics.every((t) =>
          t.partitions.every((p) => p.leader >= 0),
        ),
      { timeoutMs: 20_000, what: 'topic leaders' },
    )
    // A group with a committed offset, as a stopped test consumer leaves behind.
    const consumer = kafka.consumer({ groupId: `${prefix}group` })
    await consumer.connect()
    await consumer.subscribe({ topics: [`${prefix}a`], fromBeginning: true })
    await consumer.run({ eachMessage: async () => {} })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: `${prefix}a`, messages: [{ value: 'x' }] })
    await producer.disconnect()
    await waitFor(
      async () =>
        (await admin.fetchOffsets({ groupId: `${prefix}group`, topics: [`${prefix}a`] }))[0]?.partitions.some(
          (p) => p.offset !== '-1',
        ),
      { timeoutMs: 20_000, what: 'a committed offset' },
    )
    await consumer.disconnect()

    expect(await deleteKafkaRunLeftovers(kafkaBrokers, prefix)).toEqual({ topics: 2 })
    // A fresh admin: this one would ask for the metadata of the topics it used, now deleted.
    const after = kafka.admin()
    await after.connect()
    try {
      const topics = await after.listTopics()
      expect(topics.filter((topic) => topic.startsWith(prefix))).toEqual([])
      expect(topics).toContain(other)
      const { groups } = await after.listGroups()
      expect(groups.map((group) => group.groupId)).not.toContain(`${prefix}group`)
    } finally {
      await after.disconnect()
    }
    // Deletion is asynchronous on the broker; a second cleanup right away must not fail, whether
    // or not the broker still lists the topics it is deleting (this run cannot choose which).
    await deleteKafkaRunLeftovers(kafkaBrokers, prefix)
  } finally {
    await admin.disconnect()
    await deleteKafkaRunLeftovers(kafkaBrokers, other).catch(() => {})
  }
})
