import type { Producer, ProducerBatch } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { CoalescingPublisher } from './kafka-publisher'

// The coalescing is pure scheduling, so a recording stand-in for the kafkajs producer is enough
// here; the contract suite covers the same publisher against a real broker.
function recordingProducer(fail?: (batch: ProducerBatch) => Error | undefined) {
  const batches: ProducerBatch[] = []
  const producer = {
    sendBatch: async (batch: ProducerBatch) => {
      batches.push(batch)
      await new Promise((resolve) => setTimeout(resolve, 5)) // a broker round trip
      const error = fail?.(batch)
      if (error) throw error
      return []
    },
  }
  return { producer: producer as unknown as Producer, batches }
}

const record = (key: string) => ({ key, value: new TextEncoder().encode(key) })
const keysOf = (batch: ProducerBatch) =>
  batch.topicMessages?.map(({ topic, messages }) => `${topic}:${messages.map((m) => m.key).join(',')}`)

describe('CoalescingPublisher', () => {
  it('sends the calls of one tick as one batch with acks=-1', async () => {
    const { producer, batches } = recordingProducer()
    const publisher = new CoalescingPublisher(producer)
    await Promise.all([
      publisher.publish('chats', [record('a')]),
      publisher.publish('receipts', [record('b')]),
      publisher.publish('chats', [record('c'), record('d')]),
    ])
    expect(batches).toHaveLength(1)
    expect(batches[0]!.acks).toBe(-1)
    expect(keysOf(batches[0]!)).toEqual(['chats:a,c,d', 'receipts:b'])
  })

  it('queues calls made while a batch is in flight into the next one', async () => {
    const { producer, batches } = recordingProducer()
    const publisher = new CoalescingPublisher(producer)
    const first = publisher.publish('chats', [record('a')])
    await new Promise((resolve) => setImmediate(resolve))
    expect(batches).toHaveLength(1)
    const later = [publisher.publish('chats', [record('b')]), publisher.publish('chats', [record('c')])]
    await Promise.all([first, ...later])
    expect(batches.map(keysOf)).toEqual([['chats:a'], ['chats:b,c']])
  })

  it('does not let one bad call fail its neighbours', async () => {
    const unknownTopic = Object.assign(new Error('This server does not host this topic-partition'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    })
    const { producer } = recordingProducer((batch) =>
      batch.topicMessages?.some(({ topic }) => topic === 'gone') ? unknownTopic : undefined,
    )
    const publisher = new CoalescingPublisher(producer)
    const results = await Promise.allSettled([
      publisher.publish('chats', [record('a')]),
      publisher.publish('gone', [record('b')]),
    ])
    expect(results[0]).toEqual({ status: 'fulfilled', value: undefined })
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } })
  })

  it('drains everything queued before close', async () => {
    const { producer, batches } = recordingProducer()
    const publisher = new CoalescingPublisher(producer)
    const settled: string[] = []
    void publisher.publish('chats', [record('a')]).then(() => settled.push('a'))
    await publisher.drain()
    expect(settled).toEqual(['a'])
    expect(batches).toHaveLength(1)
  })
})
