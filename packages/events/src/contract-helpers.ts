import { randomBytes } from 'node:crypto'
import type { IncomingRecord } from './event-log'
import { partitionForKey } from './partitioner'

/** Every name a test process makes starts with this, so its topics can be deleted afterwards. */
export const RUN_PREFIX = `contract.${randomBytes(3).toString('hex')}.`

/** Topic and group names unique per test, so runs against a shared broker never collide. */
export const unique = (name: string) => `${RUN_PREFIX}${name}.${randomBytes(4).toString('hex')}`

export const bytes = (text: string) => new TextEncoder().encode(text)
export const text = (record: IncomingRecord) => new TextDecoder().decode(record.value)

/** Polls until the condition holds; fails naming what it waited for. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A handler that keeps what it received, in order. */
export function collector() {
  const records: IncomingRecord[] = []
  return {
    records,
    texts: () => records.map(text),
    handler: async (record: IncomingRecord) => {
      records.push(record)
    },
  }
}

/** A promise with its resolve exposed: lets a test hold a handler mid-flight. */
export function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

/** A key that Kafka's partitioner puts on the given partition. */
export function keyOnPartition(partition: number, partitions: number): string {
  for (let i = 0; ; i++) if (partitionForKey(`key-${i}`, partitions) === partition) return `key-${i}`
}
