import net from 'node:net'
import { type ISocketFactory, Kafka, logLevel } from 'kafkajs'
import { isNotification } from '../payload'
import type { NotificationHandler, PushClient } from './push-client'

/**
 * A kafkajs consumer in its own consumer group, reading the lab's topic from the beginning (so
 * nothing produced before the group finished joining is missed). kafkajs fetches with
 * minBytes=1: the broker answers a fetch as soon as one record arrives, instead of waiting out
 * maxWaitTimeInMs, so this measures delivery rather than a polling interval.
 * `sockets`, when given, collects the client's sockets so the lab can count their bytes.
 */
export async function subscribeKafka(
  brokers: string[],
  topic: string,
  onNotification: NotificationHandler,
  sockets?: Set<net.Socket>,
): Promise<PushClient> {
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = net.connect({ host, port }, onConnect)
    socket.setNoDelay(true)
    sockets?.add(socket)
    return socket
  }
  const kafka = new Kafka({ clientId: 'protocol-lab-consumer', brokers, logLevel: logLevel.ERROR, socketFactory })
  const consumer = kafka.consumer({ groupId: `protocol-lab-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 500 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value: unknown = JSON.parse(message.value?.toString() ?? 'null')
      if (isNotification(value)) onNotification(value)
    },
  })
  return { close: () => consumer.disconnect() }
}

/** Creates the lab's one-partition topic (a fresh name per run, so old records never mix in). */
export async function createLabTopic(brokers: string[], topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'protocol-lab-admin', brokers, logLevel: logLevel.ERROR }).admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
}

export async function deleteLabTopic(brokers: string[], topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'protocol-lab-admin', brokers, logLevel: logLevel.ERROR }).admin()
  await admin.connect()
  try {
    await admin.deleteTopics({ topics: [topic] })
  } finally {
    await admin.disconnect()
  }
}
