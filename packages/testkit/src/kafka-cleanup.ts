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
    // Groups first: deleting a topic also drops the groups' offsets for it, and a group left
    // with none can vanish between listGroups and deleteGroups. Deletion is asynchronous on the
    // broker, so a topic being deleted may still be listed; deleting it again finds it gone.
    const { groups } = await admin.listGroups()
    const groupIds = groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix))
    if (groupIds.length > 0) await admin.deleteGroups(groupIds).catch(unlessAllGone)
    const ofRun = async () => (await admin.listTopics()).filter((topic) => topic.startsWith(prefix))
    const topics = await ofRun()
    if (topics.length > 0) {
      await admin.deleteTopics({ topics }).catch(async (error) => {
        // kafkajs retries "unknown topic" and then reports only that it gave up; what matters
        // is whether any of the run's topics are still there.
        if ((await ofRun()).length > 0) throw error
      })
    }
    return { topics: topics.length }
  } finally {
    await admin.disconnect()
  }
}

/** A group that is already gone is what we wanted; any other refusal (a member still in it) is not. */
function unlessAllGone(error: unknown): void {
  const groups = (error as { groups?: { error?: { type?: string } }[] }).groups
  if (!groups?.every((group) => group.error?.type === 'GROUP_ID_NOT_FOUND')) throw error
}
