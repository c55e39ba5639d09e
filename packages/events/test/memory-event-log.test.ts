import { describe, expect, it } from 'vitest'
import { MemoryEventLog } from '../src'
import { bytes, collector, eventually, text } from '../src/contract-helpers'

// What the contract cannot ask of Kafka but the twin must still get right.
describe('MemoryEventLog', () => {
  it('never runs a handler inside the publish call', async () => {
    const log = new MemoryEventLog()
    await log.createTopics([{ topic: 'chat.messages', partitions: 1 }])
    let publishReturned = false
    const ranEarly: boolean[] = []
    await log.subscribe({
      groupId: 'delivery',
      topics: ['chat.messages'],
      handler: async () => {
        ranEarly.push(!publishReturned)
      },
    })
    const publishing = log.publish('chat.messages', [{ key: 'chat-1', value: bytes('hi') }])
    publishReturned = true
    await publishing
    await eventually(() => ranEarly.length === 1, 'the handler')
    expect(ranEarly).toEqual([false])
    await log.close()
  })

  it('keeps its own copy of what was published and what each group receives', async () => {
    const log = new MemoryEventLog()
    await log.createTopics([{ topic: 'notes', partitions: 1 }])
    const vandal = collector()
    await log.subscribe({
      groupId: 'vandal',
      topics: ['notes'],
      fromBeginning: true,
      handler: async (record) => {
        record.value.fill(0)
        record.headers.tampered = 'yes'
        await vandal.handler(record)
      },
    })
    const value = bytes('original')
    await log.publish('notes', [{ key: 'n', value, headers: { kind: 'note' } }])
    value.fill(0)
    await eventually(() => vandal.records.length === 1, 'the vandal')

    const reader = collector()
    await log.subscribe({ groupId: 'reader', topics: ['notes'], fromBeginning: true, handler: reader.handler })
    await eventually(() => reader.records.length === 1, 'the reader')
    expect(text(reader.records[0]!)).toBe('original')
    expect(reader.records[0]!.headers).toEqual({ kind: 'note' })
    await log.close()
  })

  it('refuses work once closed, and a bad partition count up front', async () => {
    const log = new MemoryEventLog()
    await log.createTopics([{ topic: 'notes' }])
    await log.close()
    await expect(log.publish('notes', [{ key: 'n', value: bytes('late') }])).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
    })
    expect(() => new MemoryEventLog({ defaultPartitions: 0 })).toThrow(/partitions must be a positive integer/)
  })
})
