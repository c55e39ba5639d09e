import { Kafka, logLevel } from 'kafkajs'

/**
 * Deletes the topics (dead-letter topics included) and consumer groups whose names start with
 * `prefix`: what one test run created on the shared broker. Left behind, they pile up run after
 * run, and a broker holding a thousand stray topics spends its CPU on them.
 */
export async function deleteKafkaRunLeftovers(brokers: string[], prefix: string): Promise<{ topics: number }> {
  const admin = new Kafka({ clientId: 'wired-test-cleanup', brokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix))
    if (topics.length > 0) await admin.deleteTopics({ topics })
    const { groups } = await admin.listGroups()
    const groupIds = groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix))
    if (groupIds.length > 0) await admin.deleteGroups(groupIds)
    return { topics: topics.length }
  } finally {
    await admin.disconnect()
  }
}
