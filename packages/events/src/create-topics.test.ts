import type { Admin } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { createTopicsWithLeaders } from './create-topics'

type Metadata = Awaited<ReturnType<Admin['fetchTopicMetadata']>>

const notHosted = Object.assign(new Error('This server does not host this topic-partition'), {
  retriable: true,
  type: 'UNKNOWN_TOPIC_OR_PARTITION',
})
const led = (leader: number): Metadata => ({
  topics: [{ name: 'chat', partitions: [{ partitionId: 0, leader, replicas: [1], isr: [1], partitionErrorCode: 0 }] }],
})

/** A stand-in admin answering from scripts; each call takes the next answer. */
function scriptedAdmin(creates: (boolean | Error)[], metadata: (Metadata | Error)[]) {
  const calls = { create: 0, metadata: 0 }
  const next = <T>(answers: (T | Error)[], i: number) => {
    const answer = answers[Math.min(i, answers.length - 1)]!
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)
  }
  const admin = {
    createTopics: () => next(creates, calls.create++),
    fetchTopicMetadata: () => next(metadata, calls.metadata++),
  }
  return { admin, calls }
}

const noWait = async () => {}
const topics = [{ topic: 'chat', numPartitions: 1 }]

describe('createTopicsWithLeaders', () => {
  it('rides out "not hosted yet" and a partition without a leader, resolving once it has one', async () => {
    const { admin, calls } = scriptedAdmin([true, false, false], [notHosted, led(-1), led(1)])
    await createTopicsWithLeaders(admin, topics, noWait)
    expect(calls.metadata).toBe(3)
  })

  it('waits for leaders even when the topics already existed (another service made them)', async () => {
    const { admin, calls } = scriptedAdmin([false], [led(-1), led(1)])
    await createTopicsWithLeaders(admin, topics, noWait)
    expect(calls.metadata).toBe(2)
  })

  it('fails at once on an error that is not transient, and after about 5 s of transient ones', async () => {
    const invalid = Object.assign(new Error('Replication factor larger than available brokers'), { retriable: false })
    const refused = scriptedAdmin([invalid], [led(1)])
    await expect(createTopicsWithLeaders(refused.admin, topics, noWait)).rejects.toBe(invalid)
    expect(refused.calls.create).toBe(1)

    const waits: number[] = []
    const never = scriptedAdmin([true], [led(-1)])
    await expect(createTopicsWithLeaders(never.admin, topics, async (ms) => void waits.push(ms))).rejects.toThrow(
      /no leader yet for chat/,
    )
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(50 + 100 + 200 + 400 + 800 + 4 * 1_000)
  })
})
