import { subscribeGrpc } from './clients/grpc'
import { createLabTopic, deleteLabTopic, subscribeKafka } from './clients/kafka'
import { subscribeLongPolling } from './clients/long-polling'
import { subscribeMqtt } from './clients/mqtt'
import type { NotificationHandler, PushClient } from './clients/push-client'
import { subscribeSse } from './clients/sse'
import { subscribeWebSocket } from './clients/websocket'
import { startMosquitto } from './measure/mosquitto'
import type { PushTarget } from './measure/push'
import { startServerProcess } from './measure/server-process'
import type { ServerKind } from './servers'

/**
 * The push paths, grouped by what has to be running for them. A group starts its processes,
 * offers one or more targets, and stops everything it started.
 */
export interface PushGroup {
  targets: PushTarget[]
  /** The MQTT broker's port, for the fixed-header capture. */
  brokerPort?: number
  stop(): Promise<void>
}

type Subscribe = (port: number, handler: NotificationHandler) => Promise<PushClient>

async function serverGroup(id: string, label: string, kind: ServerKind, subscribe: Subscribe): Promise<PushGroup> {
  const source = await startServerProcess(kind)
  const target: PushTarget = {
    id,
    label,
    source,
    qos: 0,
    port: source.port,
    subscribe: (port, handler) => subscribe(port ?? source.port, handler),
  }
  return { targets: [target], stop: () => source.stop() }
}

export const pushServerGroups = {
  websocket: () => serverGroup('websocket', 'WebSocket', 'websocket', subscribeWebSocket),
  sse: () => serverGroup('sse', 'SSE', 'sse', subscribeSse),
  'long-polling': () => serverGroup('long-polling', 'Long polling', 'polling', subscribeLongPolling),
  'grpc-stream': () => serverGroup('grpc-stream', 'gRPC server streaming', 'grpc', subscribeGrpc),
}

/** MQTT at QoS 0, 1 and 2 through one broker: aedes (a Node process) or a private Mosquitto. */
export async function mqttGroup(broker: { kind: 'aedes' } | { kind: 'mosquitto'; binary: string }): Promise<PushGroup> {
  const started =
    broker.kind === 'aedes' ? await startServerProcess('mqtt-broker') : await startMosquitto(broker.binary)
  const publisher = await startServerProcess('mqtt-publisher', { url: `mqtt://127.0.0.1:${started.port}` })
  const name = broker.kind === 'aedes' ? 'aedes' : 'Mosquitto'
  const targets = ([0, 1, 2] as const).map(
    (qos): PushTarget => ({
      id: `mqtt-${broker.kind}-qos${qos}`,
      label: `MQTT QoS ${qos} (${name})`,
      source: publisher,
      qos,
      port: started.port,
      subscribe: (port, handler) => subscribeMqtt(`mqtt://127.0.0.1:${port ?? started.port}`, qos, handler),
    }),
  )
  return {
    targets,
    brokerPort: started.port,
    async stop() {
      await publisher.stop()
      await started.stop()
    },
  }
}

/** Kafka on a real broker: a fresh one-partition topic, a producer process, a consumer here. */
export async function kafkaGroup(brokers: string[]): Promise<PushGroup> {
  const topic = `wired.lab.notifications.${process.pid}.${Date.now()}`
  await createLabTopic(brokers, topic)
  const producer = await startServerProcess('kafka-producer', { brokers: brokers.join(','), topic })
  const target: PushTarget = {
    id: 'kafka',
    label: 'Kafka (produce → consume)',
    source: producer,
    qos: 0,
    subscribe: (_port, handler, sockets) => subscribeKafka(brokers, topic, handler, sockets),
  }
  return {
    targets: [target],
    async stop() {
      await producer.stop()
      // A leftover topic is harmless (and unique to this run); failing the lab over it is not.
      await deleteLabTopic(brokers, topic).catch(() => {})
    },
  }
}
