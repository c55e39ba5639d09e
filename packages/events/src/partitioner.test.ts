import { Partitioners } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { murmur2, partitionForKey } from './partitioner'

describe('murmur2', () => {
  // Vectors from Kafka's own UtilsTest#testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j like the Java client', (key, expected) => {
    expect(murmur2(new TextEncoder().encode(key))).toBe(expected)
  })
})

describe('partitionForKey', () => {
  it('picks the partition kafkajs DefaultPartitioner picks', () => {
    const kafkajs = Partitioners.DefaultPartitioner()
    for (const partitions of [1, 3, 12]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [0],
        isr: [0],
      }))
      for (const key of ['alice', 'bob', 'chat:42', 'ünïcödé', '', 'x'.repeat(101)]) {
        const expected = kafkajs({ topic: 't', partitionMetadata, message: { key, value: null } })
        expect(partitionForKey(key, partitions), `${key} over ${partitions}`).toBe(expected)
      }
    }
  })
})
