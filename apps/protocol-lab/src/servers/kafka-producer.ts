import { Kafka, logLevel } from 'kafkajs'
import type { LabServer, ServerOptions } from './lab-server'

/**
 * The event source for the Kafka row: a kafkajs producer writing each notification to the
 * lab's topic with acks=-1 (the leader waits for every in-sync replica: the project default).
 * The consumer in the lab process measures produce → consume.
 */
export async function startKafkaProducer(options: ServerOptions): Promise<LabServer> {
  const brokers = String(options.brokers).split(',')
  const topic = String(options.topic)
  const kafka = new Kafka({ clientId: 'protocol-lab-producer', brokers, logLevel: logLevel.ERROR })
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  return {
    port: 0,
    async publish(notification) {
      await producer.send({ topic, acks: -1, messages: [{ value: JSON.stringify(notification) }] })
    },
    close: () => producer.disconnect(),
  }
}
