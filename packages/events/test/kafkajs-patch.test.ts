import { resolveInfra } from '@wired/testkit'
import { Kafka, logLevel } from 'kafkajs'
import { afterEach, expect, it, vi } from 'vitest'

// patches/kafkajs@2.2.4.patch: unpatched, every idle broker connection re-arms a 1 ms timer
// forever (about 1,000 wake-ups a second per connection). This fails if the patch is lost, e.g.
// after a kafkajs upgrade that does not fix the bug; a fixed upgrade may drop the patch.
afterEach(() => vi.restoreAllMocks())

it('an idle, connected kafkajs producer schedules no request-queue timers', async () => {
  const { kafkaBrokers } = await resolveInfra(['kafka'])
  const producer = new Kafka({ brokers: kafkaBrokers, clientId: 'patch-check', logLevel: logLevel.NOTHING }).producer()
  await producer.connect()
  try {
    const timers = vi.spyOn(globalThis, 'setTimeout')
    await new Promise((resolve) => setTimeout(resolve, 300))
    const fromRequestQueue = timers.mock.calls.filter(([callback]) => String(callback).includes('checkPendingRequests'))
    expect(fromRequestQueue).toHaveLength(0)
  } finally {
    await producer.disconnect()
  }
})
