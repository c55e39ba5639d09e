import { randomBytes } from 'node:crypto'
import { createKafkaEventLog, type EventLog, type EventType, encodeEvent, type IncomingRecord } from '@wired/events'
import type { BootOptions, RunMode } from '@wired/testkit'
import pg from 'pg'
import { twitchTopics } from '../../src/shared/topics'
import { bootTwitch } from './boot'
import { ChatClient, type ChatConnectOptions } from './chat-client'

export type RunningChat = Awaited<ReturnType<typeof bootChatSystem>>

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`

/**
 * Twitch booted for the chat and api tests, plus what they need from outside: sign-up, chat
 * sockets to either server, and the run's Kafka topics (the twin embedded, kafkajs on real infra)
 * to produce the ingest's and clipper's events and read what the chat servers and the api wrote.
 */
export async function bootChatSystem(mode: RunMode, options: BootOptions = {}) {
  const twitch = await bootTwitch(mode, options)
  const events: EventLog =
    twitch.twins?.eventLog ??
    (await createKafkaEventLog({
      brokers: twitch.env.KAFKA_BROKERS!.split(','),
      clientId: `twitch-test-${randomBytes(3).toString('hex')}`,
    }))
  const topics = twitchTopics(twitch.env.KAFKA_TOPIC_PREFIX ?? '')
  const apiDbUrl = new URL(twitch.env.DATABASE_URL!)
  apiDbUrl.searchParams.set('options', '-c search_path=twitch_api')
  const apiDb = new pg.Pool({ connectionString: apiDbUrl.toString(), max: 1 })
  const clients: ChatClient[] = []
  const subscriptions: Array<{ stop(): Promise<void> }> = []

  const signUp = async (name = uniqueName('user')) => {
    const reply = await twitch.request<{ userId: string; name: string; token: string }>('POST', '/api/users', {
      body: { name },
    })
    if (reply.status !== 201) throw new Error(`sign-up of ${name}: ${reply.status} ${JSON.stringify(reply.body)}`)
    return reply.body.data!
  }

  /** server 0 = chat-a, 1 = chat-b. */
  const chat = async (server: 0 | 1, options: ChatConnectOptions) => {
    const client = await ChatClient.connect(twitch.chatUrls[server]!, options)
    clients.push(client)
    return client
  }

  /** Every record on `topic` from the beginning, collected by a fresh consumer group. */
  const record = async (topic: string) => {
    const seen: IncomingRecord[] = []
    subscriptions.push(
      await events.subscribe({
        groupId: `test-${randomBytes(4).toString('hex')}`,
        topics: [topic],
        fromBeginning: true,
        handler: async (incoming) => {
          seen.push(incoming)
        },
      }),
    )
    return seen
  }

  return {
    ...twitch,
    events,
    topics,
    signUp,
    chat,
    record,
    publish: <T extends { channel: string }>(topic: string, type: EventType<T>, message: T) =>
      events.publish(topic, [{ key: message.channel, ...encodeEvent(type, message) }]),
    auth: (token: string) => ({ authorization: `Bearer ${token}` }),
    /** Row counts of the api's tables: what a refused request must leave as it was. */
    apiRows: async () => {
      const { rows } = await apiDb.query<{ users: number; streams: number; clips: number }>(
        `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM streams) AS streams,
                (SELECT count(*)::int FROM clips) AS clips`,
      )
      return rows[0]!
    },
    stop: async () => {
      await Promise.all(clients.map((client) => client.close()))
      for (const subscription of subscriptions) await subscription.stop()
      await apiDb.end()
      if (!twitch.twins?.eventLog) await events.close()
      await twitch.stop()
    },
  }
}
