import { expect, it } from 'vitest'
import type { ContractContext } from './contract'
import { bytes, collector, eventually, text, unique } from './contract-helpers'
import type { IncomingRecord, SubscribeOptions } from './event-log'

/** batchHandler: the same at-least-once promises as handler, a fetched batch at a time. */
export function batchContract(context: ContractContext): void {
  const { subscribe, topic } = context
  const publish: ContractContext['log']['publish'] = (topic, records) => context.log.publish(topic, records)

  it('hands a batchHandler the waiting records of one partition together, in order, and commits after', async () => {
    const chats = await topic(2)
    const groupId = unique('group')
    const sent = Array.from({ length: 40 }, (_, i) => ({ key: `chat-${i % 2}`, value: bytes(`${i % 2}:${i}`) }))
    await publish(chats, sent)
    const batches: IncomingRecord[][] = []
    const first = await subscribe({
      groupId,
      topics: [chats],
      fromBeginning: true,
      batchHandler: async (records) => {
        batches.push(records)
      },
    })
    await eventually(() => batches.flat().length >= sent.length, 'every record')
    const received = batches.flat().map(text)
    expect([...received].sort()).toEqual(sent.map((record) => new TextDecoder().decode(record.value)).sort())
    for (const chat of ['0', '1']) {
      const ofChat = received.filter((value) => value.startsWith(`${chat}:`)).map((value) => Number(value.slice(2)))
      expect(ofChat).toEqual([...ofChat].sort((a, b) => a - b))
    }
    expect(batches.every((batch) => new Set(batch.map((record) => record.partition)).size === 1)).toBe(true)
    expect(Math.max(...batches.map((batch) => batch.length))).toBeGreaterThan(1)

    // The offsets were committed: the next member of the group starts after them.
    await first.stop()
    const next = collector()
    await subscribe({ groupId, topics: [chats], fromBeginning: true, handler: next.handler })
    await publish(chats, [{ key: 'chat-0', value: bytes('after') }])
    await eventually(() => next.records.length >= 1, 'the record after')
    expect(next.texts()).toEqual(['after'])
  })

  it('retries a failed batch record by record, so only the poison record is dead-lettered', async () => {
    const chats = await topic(1)
    await publish(
      chats,
      ['first', 'poison', 'last'].map((value) => ({ key: 'chat-1', value: bytes(value) })),
    )
    const handled: string[] = []
    const deadLetters = collector()
    await subscribe({
      groupId: unique('group'),
      topics: [chats],
      fromBeginning: true,
      maxRetries: 1,
      retryBackoffMs: 10,
      batchHandler: async (records) => {
        // All or nothing, as one multi-row INSERT would be.
        if (records.some((record) => text(record) === 'poison')) throw new Error('cannot parse poison')
        handled.push(...records.map(text))
      },
    })
    await subscribe({
      groupId: unique('dlq'),
      topics: [`${chats}.dlq`],
      fromBeginning: true,
      handler: deadLetters.handler,
    })
    await eventually(() => handled.includes('last') && deadLetters.records.length === 1, 'the dead letter')
    expect(handled).toEqual(['first', 'last'])
    expect(deadLetters.texts()).toEqual(['poison'])
  })

  it('refuses a subscription with both a handler and a batchHandler, or neither', async () => {
    const chats = await topic(1)
    const both = { handler: async () => {}, batchHandler: async () => {} } as unknown as SubscribeOptions
    const neither = {} as SubscribeOptions
    for (const choice of [both, neither]) {
      await expect(subscribe({ ...choice, groupId: unique('group'), topics: [chats] })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      })
    }
  })
}
