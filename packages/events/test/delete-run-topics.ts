import { Kafka, logLevel } from 'kafkajs'
import { RUN_PREFIX } from '../src/contract-helpers'

/**
 * Deletes the topics (dead-letter topics included) this test process created on the shared
 * broker. EventLog has no deleteTopics on purpose: no scenario deletes topics, so the tests
 * clean up with the Kafka admin API directly.
 */
export async function deleteRunTopics(brokers: string[]): Promise<number> {
  const admin = new Kafka({ clientId: 'contract-cleanup', brokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(RUN_PREFIX))
    if (topics.length > 0) await admin.deleteTopics({ topics })
    return topics.length
  } finally {
    await admin.disconnect()
  }
}
