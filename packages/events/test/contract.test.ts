import { deleteKafkaRunLeftovers, resolveInfra } from '@wired/testkit'
import { afterAll } from 'vitest'
import { createKafkaEventLog, MemoryEventLog } from '../src'
import { describeEventLogContract } from '../src/contract'
import { RUN_PREFIX } from '../src/contract-helpers'

// The same suite, twice: a twin is only trusted as far as real Kafka passes the same tests.
describeEventLogContract('real Kafka (kafkajs)', async () => {
  const { kafkaBrokers } = await resolveInfra(['kafka'])
  return createKafkaEventLog({ brokers: kafkaBrokers, clientId: 'events-contract-test' })
})

describeEventLogContract('MemoryEventLog (in-process twin)', async () => new MemoryEventLog({ defaultPartitions: 3 }))

afterAll(async () => {
  await deleteKafkaRunLeftovers((await resolveInfra(['kafka'])).kafkaBrokers, RUN_PREFIX)
})
