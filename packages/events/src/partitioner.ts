/**
 * Kafka's default partitioner: murmur2 of the key bytes, sign bit cleared, modulo the partition
 * count. The Java client and kafkajs's DefaultPartitioner compute exactly this, so a key lands on
 * the same partition number in MemoryEventLog as on a real broker.
 */
export function partitionForKey(key: string, partitions: number): number {
  return (murmur2(new TextEncoder().encode(key)) & 0x7fffffff) % partitions
}

/** murmur2, 32-bit, seed 0x9747b28c (org.apache.kafka.common.utils.Utils#murmur2). */
export function murmur2(data: Uint8Array): number {
  const m = 0x5bd1e995
  const r = 24
  const length = data.length
  let h = 0x9747b28c ^ length
  const whole = length - (length % 4)
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)
    k = Math.imul(k, m)
    k ^= k >>> r
    k = Math.imul(k, m)
    h = Math.imul(h, m) ^ k
  }
  // The Java switch falls through: 3 trailing bytes mix in all three, then one multiply.
  const rest = length % 4
  if (rest === 3) h ^= data[whole + 2]! << 16
  if (rest >= 2) h ^= data[whole + 1]! << 8
  if (rest >= 1) {
    h ^= data[whole]!
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}
