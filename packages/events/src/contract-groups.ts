import { expect, it } from 'vitest'
import type { ContractContext } from './contract'
import { bytes, collector, eventually, keyOnPartition, text, unique } from './contract-helpers'
import type { IncomingRecord } from './event-log'
import { partitionForKey } from './partitioner'

/** Partitions, keys and consumer groups: who gets which record, in which order. */
export function groupContract(context: ContractContext): void {
  const { subscribe, topic } = context
  const publish: ContractContext['log']['publish'] = (topic, records) => context.log.publish(topic, records)

  it('keeps the records of one key in order, on the partition murmur2 picks', async () => {
    const orders = await topic(3)
    const seen = collector()
    await subscribe({ groupId: unique('group'), topics: [orders], handler: seen.handler })
    const keys = ['alice', 'bob', 'carol', 'dave']
    for (let round = 0; round < 5; round++) {
      await publish(
        orders,
        keys.map((key) => ({ key, value: bytes(`${key}-${round}`) })),
      )
    }
    await eventually(() => seen.records.length === 20, '20 records')
    for (const key of keys) {
      const ofKey = seen.records.filter((record) => record.key === key)
      expect(ofKey.map(text)).toEqual([0, 1, 2, 3, 4].map((round) => `${key}-${round}`))
      expect(new Set(ofKey.map((record) => record.partition))).toEqual(new Set([partitionForKey(key, 3)]))
    }
  })

  it('shares the partitions among the members of a group', async () => {
    const rides = await topic(4)
    const groupId = unique('group')
    const [first, second] = [collector(), collector()]
    await subscribe({ groupId, topics: [rides], fromBeginning: true, handler: first.handler })
    await subscribe({ groupId, topics: [rides], fromBeginning: true, handler: second.handler })
    const keys = Array.from({ length: 40 }, (_, i) => `ride-${i}`)
    await publish(
      rides,
      keys.map((key) => ({ key, value: bytes(key) })),
    )
    await eventually(() => first.records.length + second.records.length >= 40, '40 records across both members')

    const partitionsOf = (records: IncomingRecord[]) => new Set(records.map((record) => record.partition))
    expect(first.records.length).toBeGreaterThan(0)
    expect(second.records.length).toBeGreaterThan(0)
    expect([...partitionsOf(first.records)].filter((p) => partitionsOf(second.records).has(p))).toEqual([])
    expect(new Set([...first.texts(), ...second.texts()])).toEqual(new Set(keys))
  })

  it('gives every group every record', async () => {
    const payments = await topic(2)
    const [ledger, notifier] = [collector(), collector()]
    await subscribe({ groupId: unique('ledger'), topics: [payments], fromBeginning: true, handler: ledger.handler })
    await subscribe({ groupId: unique('notify'), topics: [payments], fromBeginning: true, handler: notifier.handler })
    const sent = Array.from({ length: 10 }, (_, i) => `payment-${i}`)
    await publish(
      payments,
      sent.map((key) => ({ key, value: bytes(key) })),
    )
    await eventually(() => ledger.records.length === 10 && notifier.records.length === 10, 'both groups')
    expect(new Set(ledger.texts())).toEqual(new Set(sent))
    expect(new Set(notifier.texts())).toEqual(new Set(sent))
  })

  it('replays the log from the beginning for a new group only when asked', async () => {
    const events = await topic(2)
    const history = ['e0', 'e1', 'e2', 'e3', 'e4']
    await publish(
      events,
      history.map((value) => ({ key: value, value: bytes(value) })),
    )
    const [replay, live] = [collector(), collector()]
    await subscribe({ groupId: unique('replay'), topics: [events], fromBeginning: true, handler: replay.handler })
    await subscribe({ groupId: unique('live'), topics: [events], handler: live.handler })
    await publish(events, [{ key: 'e5', value: bytes('e5') }])
    await eventually(() => replay.records.length === 6 && live.records.length === 1, 'replay and live')
    expect(new Set(replay.texts())).toEqual(new Set([...history, 'e5']))
    expect(live.texts()).toEqual(['e5'])
  })

  it('hands the partitions of a member that leaves to the rest of its group', async () => {
    const rides = await topic(2)
    const groupId = unique('group')
    const [staying, leaving] = [collector(), collector()]
    await subscribe({ groupId, topics: [rides], fromBeginning: true, handler: staying.handler })
    const leaver = await subscribe({ groupId, topics: [rides], fromBeginning: true, handler: leaving.handler })
    const keys = [keyOnPartition(0, 2), keyOnPartition(1, 2)]
    await publish(
      rides,
      keys.map((key) => ({ key, value: bytes('before') })),
    )
    await eventually(() => staying.records.length === 1 && leaving.records.length === 1, 'one partition each')

    await leaver.stop()
    await publish(
      rides,
      keys.map((key) => ({ key, value: bytes('after') })),
    )
    await eventually(() => staying.texts().filter((value) => value === 'after').length === 2, 'both partitions')
    expect(staying.texts().filter((value) => value === 'before')).toHaveLength(1)
    expect(leaving.texts()).toEqual(['before'])
  })
}
