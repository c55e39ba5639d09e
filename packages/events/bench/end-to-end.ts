/**
 * End-to-end latency and throughput: many concurrent single-record publish calls (as a chat
 * gateway makes, one per message) into one consumer group. Usage:
 *   pnpm --filter @wired/events bench [kafka|memory] [messagesPerSecond] [seconds]
 * Kafka brokers come from KAFKA_BROKERS (default 127.0.0.1:9092).
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { createKafkaEventLog, type EventLog, MemoryEventLog } from '../src'

const [target = 'kafka', rateArg = '2000', secondsArg = '5'] = process.argv.slice(2)
const rate = Number(rateArg)
const seconds = Number(secondsArg)
const total = rate * seconds
const tickMs = 10

const log: EventLog =
  target === 'memory'
    ? new MemoryEventLog()
    : await createKafkaEventLog({
        brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
        clientId: 'bench',
      })

const topic = `bench.messages.${randomBytes(4).toString('hex')}`
await log.createTopics([{ topic, partitions: 6 }])
const latencies: number[] = []
const acks: number[] = []
let done: () => void = () => {}
const allReceived = new Promise<void>((resolve) => {
  done = resolve
})
await log.subscribe({
  groupId: `${topic}.delivery`,
  topics: [topic],
  handler: async (record) => {
    const sentAt = new DataView(record.value.buffer, record.value.byteOffset).getFloat64(0)
    latencies.push(performance.now() - sentAt)
    if (latencies.length === total) done()
  },
})

const started = performance.now()
let sent = 0
const publishes: Promise<void>[] = []
while (sent < total) {
  // Each tick sends what the schedule owes, one publish call per message, all concurrently.
  const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate))
  for (; sent < due; sent++) {
    const value = new Uint8Array(200)
    new DataView(value.buffer).setFloat64(0, performance.now())
    const publishedAt = performance.now()
    const acked = log.publish(topic, [{ key: `chat-${sent % 500}`, value }])
    publishes.push(acked.then(() => void acks.push(performance.now() - publishedAt)))
  }
  await new Promise((resolve) => setTimeout(resolve, tickMs))
}
await Promise.all(publishes)
await Promise.race([allReceived, new Promise((resolve) => setTimeout(resolve, 30_000))])
const elapsed = (performance.now() - started) / 1000

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1)
  return `p50 ${at(0.5)} p99 ${at(0.99)} max ${at(1)} ms`
}
console.log(
  `${target}: ${latencies.length}/${total} delivered in ${elapsed.toFixed(2)} s ` +
    `(${(latencies.length / elapsed).toFixed(0)} msg/s)\n  publish → acked:   ${summary(acks)}\n` +
    `  publish → handled: ${summary(latencies)}`,
)
await log.close()
