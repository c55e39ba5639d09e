import type { Admin, ITopicConfig } from 'kafkajs'

// About 5 s in all: 50, 100, 200, 400, 800 ms, then a second at a time.
const ATTEMPTS = 10
const delayBefore = (attempt: number) => Math.min(1_000, 50 * 2 ** (attempt - 1))

/**
 * CreateTopics, resolving only once every partition has a leader, so a publish or a subscribe
 * can follow at once. kafkajs's own wait for leaders (`waitForLeaders`) is not used: it gives up
 * on "does not host this topic-partition", which the broker answers for the first few
 * milliseconds after creating a topic (about 40 ms on the reference machine), and it is skipped
 * altogether when the topics already exist, as when another service starting at the same moment
 * created them. So: create (kafkajs answers false if they exist), then poll the metadata until
 * every partition has a leader, and try again on transient errors.
 */
export async function createTopicsWithLeaders(
  admin: Pick<Admin, 'createTopics' | 'fetchTopicMetadata'>,
  topics: ITopicConfig[],
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.createTopics({ topics, waitForLeaders: false })
      await checkLeaders(
        admin,
        topics.map(({ topic }) => topic),
      )
      return
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetriable(error)) throw error
      await wait(delayBefore(attempt))
    }
  }
}

async function checkLeaders(admin: Pick<Admin, 'fetchTopicMetadata'>, topics: string[]): Promise<void> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics })
  const leaderless = metadata.filter(({ partitions }) => partitions.some(({ leader }) => leader < 0))
  if (leaderless.length > 0) {
    throw Object.assign(new Error(`no leader yet for ${leaderless.map(({ name }) => name).join(', ')}`), {
      retriable: true,
    })
  }
}

/**
 * kafkajs marks transient protocol errors (leader elections, metadata lag) as retriable. A
 * CreateTopics answer with one error per topic arrives as an aggregate: retriable when every
 * part is transient or says the topic already exists.
 */
function isRetriable(error: unknown): boolean {
  const { retriable, type, errors } = error as { retriable?: boolean; type?: string; errors?: unknown[] }
  if (Array.isArray(errors)) return errors.every(isRetriable)
  return retriable === true || type === 'TOPIC_ALREADY_EXISTS'
}
