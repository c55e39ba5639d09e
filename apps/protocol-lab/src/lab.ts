import os from 'node:os'
import { graphqlClient } from './clients/graphql'
import { grpcClient } from './clients/grpc'
import { restHttp1Client } from './clients/rest-http1'
import { restHttp2Client } from './clients/rest-http2'
import { websocketClient } from './clients/websocket'
import { type BandwidthResult, bandwidthModes, measureBandwidthHour } from './measure/bandwidth-hour'
import { captureMqttHeaders, type MqttPacketSeen } from './measure/mqtt-header'
import { measurePayloadSizes, type PayloadSizes } from './measure/payload-size'
import { measurePush, type PushResult } from './measure/push'
import { measureRequestReply, type RequestReplyResult, type RequestReplySpec } from './measure/request-reply'
import { measureTcpUdp, type TcpUdpResult } from './measure/tcp-udp'
import { notificationText } from './payload'
import type { LabPlan } from './plan'
import { kafkaGroup, mqttGroup, type PushGroup, pushServerGroups } from './push-targets'

export const requestReplySpecs: RequestReplySpec[] = [
  { id: 'rest-http1', label: 'REST (HTTP/1.1)', server: 'rest-http1', client: restHttp1Client },
  { id: 'rest-http2', label: 'REST (HTTP/2, h2c)', server: 'rest-http2', client: restHttp2Client },
  { id: 'grpc', label: 'gRPC unary', server: 'grpc', client: grpcClient },
  { id: 'graphql', label: 'GraphQL (mercurius)', server: 'graphql', client: graphqlClient },
  { id: 'websocket', label: 'WebSocket request/reply', server: 'websocket', client: websocketClient },
]

export interface LabOptions {
  /** Kafka brokers, or why there are none (the Kafka row then says so). */
  kafka: { brokers: string[] } | { unavailable: string }
  /** Path of a mosquitto binary, or undefined when it is not installed. */
  mosquitto: string | undefined
  log(line: string): void
}

/** A protocol the lab could not measure, and why; the report lists these loudly. */
export interface NotMeasured {
  id: string
  label: string
  reason: string
}

export interface LabResults {
  plan: LabPlan
  startedAt: string
  finishedAt: string
  machine: { cpus: number; cpuModel: string; node: string; platform: string }
  payload: PayloadSizes
  requestReply: RequestReplyResult[]
  push: PushResult[]
  notMeasured: NotMeasured[]
  bandwidth: BandwidthResult[]
  mqttHeaders: MqttPacketSeen[]
  tcpUdp: TcpUdpResult
}

export async function runLab(plan: LabPlan, options: LabOptions): Promise<LabResults> {
  const startedAt = new Date().toISOString()
  const { log } = options
  const notMeasured: NotMeasured[] = []

  const requestReply: RequestReplyResult[] = []
  for (const spec of requestReplySpecs) {
    log(`request/response: ${spec.label}`)
    requestReply.push(await measureRequestReply(spec, plan))
  }

  const push: PushResult[] = []
  let mqttHeaders: MqttPacketSeen[] = []
  const runGroup = async (
    id: string,
    label: string,
    start: () => Promise<PushGroup>,
    after?: (g: PushGroup) => Promise<void>,
  ) => {
    let group: PushGroup
    try {
      group = await start()
    } catch (error) {
      notMeasured.push({ id, label, reason: `could not start: ${String(error)}` })
      log(`push: ${label} NOT MEASURED (${String(error)})`)
      return
    }
    try {
      for (const target of group.targets) {
        log(`push: ${target.label}`)
        try {
          push.push(await measurePush(target, plan))
        } catch (error) {
          notMeasured.push({ id: target.id, label: target.label, reason: `failed: ${String(error)}` })
          log(`push: ${target.label} FAILED (${String(error)})`)
        }
      }
      await after?.(group)
    } finally {
      await group.stop()
    }
  }
  for (const [id, start] of Object.entries(pushServerGroups)) await runGroup(id, id, start)
  await runGroup(
    'mqtt-aedes',
    'MQTT (aedes)',
    () => mqttGroup({ kind: 'aedes' }),
    async (group) => {
      mqttHeaders = await captureMqttHeaders(
        group.brokerPort as number,
        JSON.stringify({ seq: 1, sentAtNs: 1e12, text: notificationText }),
      )
    },
  )
  if (options.mosquitto) {
    const binary = options.mosquitto
    await runGroup('mqtt-mosquitto', 'MQTT (Mosquitto)', () => mqttGroup({ kind: 'mosquitto', binary }))
  } else notMeasured.push({ id: 'mqtt-mosquitto', label: 'MQTT (Mosquitto)', reason: 'mosquitto is not installed' })
  if ('brokers' in options.kafka) {
    const { brokers } = options.kafka
    await runGroup('kafka', 'Kafka', () => kafkaGroup(brokers))
  } else notMeasured.push({ id: 'kafka', label: 'Kafka (produce → consume)', reason: options.kafka.unavailable })

  const bandwidth: BandwidthResult[] = []
  for (const mode of bandwidthModes) {
    log(`simulated hour: ${mode.label}`)
    bandwidth.push(await measureBandwidthHour(mode, plan.hourCompression))
  }

  log('TCP vs UDP')
  const tcpUdp = await measureTcpUdp(plan)

  return {
    plan,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    payload: measurePayloadSizes(),
    requestReply,
    push,
    notMeasured,
    bandwidth,
    mqttHeaders,
    tcpUdp,
  }
}
