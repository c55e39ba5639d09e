import { performance } from 'node:perf_hooks'
import { waitFor } from '@wired/testkit'
import { type Chatter, conversationOf, signUp } from '../test/support/chatter'
import type { RunningSystem } from '../test/support/system'
import { inBatches, percentile, round } from './stats'

export interface ThroughputResult {
  targetPerSecond: number
  sent: number
  delivered: number
  deliveredPerSecond: number
  /** send() → ack (the first tick): stored in PostgreSQL and on Kafka. */
  ackP50Ms: number
  ackP99Ms: number
  /** send() → the recipient's 'message' event. */
  p50Ms: number
  p99Ms: number
  lost: number
  /** The same message shown twice to a user: must be 0. */
  duplicated: number
  /** Redeliveries the clients dropped by seq (at-least-once at work); not an error. */
  redeliveriesDropped: number
}

/**
 * End to end, open loop: `pairs` senders on gateway A each send to their own receiver on
 * gateway B, together at a fixed total rate. Many pairs at a few messages a second each, like
 * people, rather than a few sockets at hundreds a second: a gateway handles one socket's frames
 * one at a time (to keep each sender's order), so one socket's rate is bounded by the round
 * trip of its send to the message service. Latency is measured in this one process (one clock) and covers WS in →
 * gRPC → PostgreSQL → Kafka (acks -1) → delivery consumer → Redis PUBLISH → gateway → WS out.
 */
export async function prepareThroughput(system: RunningSystem, pairs: number) {
  const lanes = await inBatches(
    Array.from({ length: pairs }, (_, i) => i),
    16,
    async () => {
      const [sender, receiver] = await Promise.all([signUp(system, 's'), signUp(system, 'r')])
      const conversationId = await conversationOf(sender, [receiver])
      // Resends only after 10 s: the load generator measures the system, not a retry storm.
      sender.connect(system.gateways[0]!.wsUrl, { ackTimeoutMs: 10_000 })
      receiver.connect(system.gateways[1]!.wsUrl)
      await Promise.all([sender.ready(1, 60_000), receiver.ready(1, 60_000)])
      return { sender, receiver, conversationId }
    },
  )
  let runs = 0
  return {
    /**
     * `settleSeconds` of load at the new rate come first and are not in the latency figures (they
     * still count for lost and duplicated): right after a step up, batches are still small and
     * queues drain for a second or so, which is the step, not the rate.
     */
    run: (perSecond: number, seconds: number, settleSeconds = 0) =>
      runLoad(lanes, `run${runs++}`, perSecond, seconds, settleSeconds),
    close: () => {
      for (const { sender, receiver } of lanes) {
        sender.close()
        receiver.close()
      }
    },
  }
}

/** Once a second: the load generator keeps no history (see Chatter.forgetHistory). */
function forgetHistory(lanes: Lane[]): void {
  for (const { sender, receiver } of lanes) {
    sender.forgetHistory()
    receiver.forgetHistory()
  }
}

interface Lane {
  sender: Chatter
  receiver: Chatter
  conversationId: string
}

async function runLoad(
  lanes: Lane[],
  runId: string,
  perSecond: number,
  seconds: number,
  settleSeconds: number,
): Promise<ThroughputResult> {
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  const ackLatencies: number[] = []
  const shown = new Set<string>()
  const shownTwice = new Set<string>()
  let lastDeliveryAt = 0
  const droppedBefore = lanes.reduce((sum, lane) => sum + lane.receiver.client.stats.duplicatesDropped, 0)
  const unsubscribe = lanes.map(({ receiver }) =>
    receiver.client.on('message', (message) => {
      const started = sentAt.get(message.clientMessageId)
      if (started === undefined) return
      if (shown.has(message.clientMessageId)) shownTwice.add(message.clientMessageId)
      shown.add(message.clientMessageId)
      lastDeliveryAt = performance.now()
      if (started >= measureFrom) latencies.push(lastDeliveryAt - started)
    }),
  )

  forgetHistory(lanes)
  let ticks = 0
  const total = perSecond * (settleSeconds + seconds)
  const begin = performance.now()
  const measureFrom = begin + settleSeconds * 1000
  let sent = 0
  // Open loop: messages leave on schedule whether or not earlier ones were answered, as they
  // would from many independent phones; a slow system shows up as latency, not as a lower rate.
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * perSecond))
      for (; sent < due; sent++) {
        const lane = lanes[sent % lanes.length]!
        const clientMessageId = `${runId}-${String(sent).padStart(8, '0')}`
        const started = performance.now()
        sentAt.set(clientMessageId, started)
        lane.sender.client.send(lane.conversationId, { text: `message ${sent}` }, clientMessageId).then(
          () => started >= measureFrom && ackLatencies.push(performance.now() - started),
          () => {},
        )
      }
      if (sent >= total) {
        clearInterval(tick)
        resolve()
      }
      if (++ticks % 200 === 0) forgetHistory(lanes)
    }, 5)
  })
  await waitFor(() => shown.size >= total, {
    timeoutMs: 30_000,
    intervalMs: 50,
    what: 'every message delivered',
  }).catch(
    () => {}, // what is missing is reported as lost
  )
  // From the first send to the last delivery: a backlog drained after the sending stopped counts.
  const elapsed = (lastDeliveryAt - begin) / 1000
  for (const off of unsubscribe) off()
  return {
    targetPerSecond: perSecond,
    sent,
    delivered: shown.size,
    deliveredPerSecond: round(shown.size / elapsed, 0),
    ackP50Ms: round(percentile(ackLatencies, 50)),
    ackP99Ms: round(percentile(ackLatencies, 99)),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    lost: sent - shown.size,
    duplicated: shownTwice.size,
    redeliveriesDropped:
      lanes.reduce((sum, lane) => sum + lane.receiver.client.stats.duplicatesDropped, 0) - droppedBefore,
  }
}
