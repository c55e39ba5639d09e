import type net from 'node:net'
import type { NotificationHandler, PushClient } from '../clients/push-client'
import type { Notification } from '../payload'
import type { LabPlan } from '../plan'
import { startCountingProxy } from './byte-counter'
import { nowNs, nsToMs, sleep, until } from './clock'
import type { ServerProcess } from './server-process'
import { medianOfRuns, type Summary, summarize } from './stats'

/**
 * One push path: a process that publishes (`source`) and a way to subscribe to it. `port` is
 * where the subscriber connects (the push server, or the MQTT broker); the bytes pass puts a
 * counting proxy there. Kafka clients find brokers through metadata instead, so that row has
 * no `port` and counts bytes on the sockets its client opened.
 */
export interface PushTarget {
  id: string
  label: string
  source: ServerProcess
  qos: 0 | 1 | 2
  port?: number
  subscribe(port: number | undefined, handler: NotificationHandler, sockets: Set<net.Socket>): Promise<PushClient>
}

export interface PushResult {
  id: string
  label: string
  /** Server event → client handler, one way, in ms (median run). */
  latency: Summary
  latencyRuns: Summary[]
  sent: number
  delivered: number
  duplicates: number
  /** Bytes per notification on the subscriber's connection, both directions, steady state. */
  bytesPerEvent: number
}

class Inbox {
  readonly latencyMs = new Map<number, number>()
  duplicates = 0
  readonly handler: NotificationHandler = (notification: Notification) => {
    const latency = nsToMs(nowNs() - notification.sentAtNs)
    if (this.latencyMs.has(notification.seq)) this.duplicates += 1
    else this.latencyMs.set(notification.seq, latency)
  }
  has = (first: number, last: number) => {
    for (let seq = first; seq <= last; seq++) if (!this.latencyMs.has(seq)) return false
    return true
  }
  between = (first: number, last: number) => {
    const samples: number[] = []
    for (let seq = first; seq <= last; seq++) {
      const latency = this.latencyMs.get(seq)
      if (latency !== undefined) samples.push(latency)
    }
    return samples
  }
}

/**
 * A subscription is "live" once a probe notification gets through: only then does the lab know
 * the server (or broker, or consumer group) has registered it. A probe published a moment too
 * early is simply missed, so probes repeat. They are not measured.
 */
export async function waitUntilLive(
  label: string,
  publishProbe: () => Promise<{ firstSeq: number }>,
  received: (seq: number) => boolean,
): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { firstSeq } = await publishProbe()
    if (await until(() => received(firstSeq), 300)) return
  }
  throw new Error(`${label}: no probe notification arrived; the subscription never became live`)
}

const probeTarget = (target: PushTarget, inbox: Inbox) =>
  waitUntilLive(
    target.label,
    () => target.source.push({ count: 1, intervalMs: 0, qos: target.qos }),
    (seq) => inbox.latencyMs.has(seq),
  )

async function pushAndCollect(target: PushTarget, inbox: Inbox, count: number, intervalMs: number) {
  const { firstSeq, lastSeq } = await target.source.push({ count, intervalMs, qos: target.qos })
  await until(() => inbox.has(firstSeq, lastSeq), 5_000)
  return inbox.between(firstSeq, lastSeq)
}

export async function measurePush(target: PushTarget, plan: LabPlan): Promise<PushResult> {
  const inbox = new Inbox()
  const subscription = await target.subscribe(target.port, inbox.handler, new Set())
  const latencyRuns: Summary[] = []
  let delivered = 0
  try {
    await probeTarget(target, inbox)
    await pushAndCollect(target, inbox, plan.pushWarmup, plan.pushIntervalMs)
    for (let run = 0; run < plan.runs; run++) {
      const samples = await pushAndCollect(target, inbox, plan.pushCount, plan.pushIntervalMs)
      delivered += samples.length
      if (samples.length > 0) latencyRuns.push(summarize(samples))
    }
  } finally {
    await subscription.close()
  }
  return {
    id: target.id,
    label: target.label,
    latency: medianOfRuns(latencyRuns),
    latencyRuns,
    sent: plan.runs * plan.pushCount,
    delivered,
    duplicates: inbox.duplicates,
    bytesPerEvent: await measureEventBytes(target, plan.byteSamples),
  }
}

async function measureEventBytes(target: PushTarget, samples: number): Promise<number> {
  const inbox = new Inbox()
  const sockets = new Set<net.Socket>()
  const proxy = target.port === undefined ? undefined : await startCountingProxy(target.port)
  const subscription = await target.subscribe(proxy?.port, inbox.handler, sockets)
  const total = () => {
    if (proxy) return proxy.count().toServer + proxy.count().toClient
    let bytes = 0
    for (const socket of sockets) bytes += socket.bytesRead + socket.bytesWritten
    return bytes
  }
  try {
    await probeTarget(target, inbox)
    const before = total()
    await pushAndCollect(target, inbox, samples, 10)
    // Let trailing acknowledgements (MQTT PUBACK/PUBCOMP, Kafka commits) finish crossing.
    await sleep(50)
    return (total() - before) / samples
  } finally {
    await subscription.close()
    await proxy?.close()
  }
}
