import { expect, it } from 'vitest'
import type { ContractContext } from './contract'
import { bytes, collector, eventually, gate, text, unique } from './contract-helpers'
import { DEAD_LETTER_HEADERS } from './delivery'

/** At-least-once: retries, dead letters, redelivery after a stop, and what a record carries. */
export function deliveryContract(context: ContractContext): void {
  const { subscribe, topic } = context
  const publish: ContractContext['log']['publish'] = (topic, records) => context.log.publish(topic, records)

  it('retries a failed handler in place, keeping the order of its partition', async () => {
    const chats = await topic(1)
    const attempts: string[] = []
    let failuresLeft = 2
    await subscribe({
      groupId: unique('group'),
      topics: [chats],
      retryBackoffMs: 10,
      handler: async (record) => {
        attempts.push(text(record))
        if (text(record) === 'first' && failuresLeft-- > 0) throw new Error('database briefly down')
      },
    })
    await publish(chats, [
      { key: 'chat-1', value: bytes('first') },
      { key: 'chat-1', value: bytes('second') },
    ])
    await eventually(() => attempts.includes('second'), 'the second record')
    expect(attempts).toEqual(['first', 'first', 'first', 'second'])
  })

  it('dead-letters a poison record after bounded retries and moves on', async () => {
    const chats = await topic(1)
    const attempts: string[] = []
    const deadLetters = collector()
    await subscribe({
      groupId: unique('group'),
      topics: [chats],
      maxRetries: 2,
      retryBackoffMs: 10,
      handler: async (record) => {
        attempts.push(text(record))
        if (text(record) === 'poison') throw new Error('cannot parse poison')
      },
    })
    const dlq = `${chats}.dlq`
    await subscribe({ groupId: unique('dlq'), topics: [dlq], fromBeginning: true, handler: deadLetters.handler })
    await publish(chats, [
      { key: 'chat-1', value: bytes('poison'), headers: { 'trace-id': 't-1' } },
      { key: 'chat-1', value: bytes('healthy') },
    ])
    await eventually(() => attempts.includes('healthy') && deadLetters.records.length === 1, 'dead letter')
    expect(attempts).toEqual(['poison', 'poison', 'poison', 'healthy'])
    const [parked] = deadLetters.records
    expect(parked).toMatchObject({ topic: dlq, key: 'chat-1' })
    expect(text(parked!)).toBe('poison')
    expect(parked!.headers).toMatchObject({
      'trace-id': 't-1',
      [DEAD_LETTER_HEADERS.error]: 'cannot parse poison',
      [DEAD_LETTER_HEADERS.attempts]: '3',
      [DEAD_LETTER_HEADERS.topic]: chats,
      [DEAD_LETTER_HEADERS.partition]: '0',
      [DEAD_LETTER_HEADERS.offset]: '0',
    })
  })

  it('redelivers what a stopped member did not finish to the next member of its group', async () => {
    const chats = await topic(1)
    const groupId = unique('group')
    const stuck = gate()
    const released = gate()
    const firstMember: string[] = []
    // Retries never run out here: only the stop can end the failing handler.
    const leaving = await subscribe({
      groupId,
      topics: [chats],
      fromBeginning: true,
      maxRetries: 1_000,
      retryBackoffMs: 10,
      handler: async (record) => {
        firstMember.push(text(record))
        if (text(record) !== 'r1') return
        stuck.open()
        await released.opened
        throw new Error('crashed while handling r1')
      },
    })
    await publish(
      chats,
      ['r0', 'r1', 'r2'].map((value) => ({ key: 'chat-1', value: bytes(value) })),
    )
    await stuck.opened
    const stopping = leaving.stop()
    released.open()
    await stopping

    const next = collector()
    await subscribe({ groupId, topics: [chats], fromBeginning: true, handler: next.handler })
    await eventually(() => next.records.length >= 2, 'r1 and r2 at the next member')
    expect(next.texts()).toEqual(['r1', 'r2'])
    expect(firstMember).not.toContain('r2')
  })

  it('round-trips key, binary value and headers', async () => {
    const profiles = await topic(1)
    const seen = collector()
    await subscribe({ groupId: unique('group'), topics: [profiles], handler: seen.handler })
    const value = new Uint8Array([0, 1, 127, 128, 255])
    const headers = { 'event-type': 'wired.test.ProfileUpdated', 'trace-id': 'ünïcode ✓' }
    const before = Date.now()
    await publish(profiles, [{ key: 'user-7', value, headers }])
    await eventually(() => seen.records.length === 1, 'the record')
    const [record] = seen.records
    expect(record).toMatchObject({ topic: profiles, partition: 0, offset: '0', key: 'user-7', headers })
    expect([...record!.value]).toEqual([...value])
    expect(record!.timestamp).toBeGreaterThanOrEqual(before - 1_000)
    expect(record!.timestamp).toBeLessThanOrEqual(Date.now() + 1_000)
  })

  it('rejects bad input with INVALID_ARGUMENT, unknown topics with NOT_FOUND, and publishes nothing', async () => {
    const notes = await topic(1)
    const fine = { key: 'note-1', value: bytes('fine') }
    const notBytes = { key: 'note-1', value: 'not bytes' as unknown as Uint8Array }
    await expect(publish(notes, [fine, notBytes])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(publish('no spaces allowed', [fine])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(context.log.createTopics([{ topic: unique('t'), partitions: 0 }])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    const missing = unique('missing')
    await expect(publish(missing, [fine])).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const handler = async () => {}
    await expect(subscribe({ groupId: unique('group'), topics: [missing], handler })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })

    // Nothing of the rejected batch reached the log: a reader from the beginning sees only what follows.
    const seen = collector()
    await subscribe({ groupId: unique('group'), topics: [notes], fromBeginning: true, handler: seen.handler })
    await publish(notes, [{ key: 'note-1', value: bytes('after') }])
    await eventually(() => seen.records.length >= 1, 'the record after')
    expect(seen.texts()).toEqual(['after'])
  })
}
