import { type DatagramReceiver, startDatagramReceiver } from '../clients/datagram-receiver'
import type { LabPlan } from '../plan'
import { sleep, until } from './clock'
import { startLossShim } from './loss-shim'
import { type NetemProbe, probeNetem } from './netem-probe'
import { type ServerProcess, startServerProcess } from './server-process'
import { type Summary, summarize } from './stats'

/**
 * TCP vs UDP, one way, sender and receiver in separate processes:
 *   - first message: a new TCP connection per record (handshake included) vs a new UDP socket;
 *   - steady stream: one record every few ms on an open connection vs datagrams;
 *   - impaired path: the same stream with WAN-like delay and loss; UDP loses records, TCP
 *     delivers all of them, late, and delays the ones behind each loss (head-of-line blocking).
 */
export interface DatagramRow {
  id: string
  label: string
  transport: 'tcp' | 'udp'
  sent: number
  delivered: number
  latency: Summary
  /** Latency per seq (ms), null when lost: the chart of the impaired rows. */
  series?: (number | null)[]
}

export interface TcpUdpResult {
  rows: DatagramRow[]
  impairment: LabPlan['loss'] & { method: string; netem: NetemProbe; recordsLost: number }
}

class Arrivals {
  latency = new Map<number, number>()
  reset() {
    this.latency.clear()
  }
  handler = (seq: number, latencyMs: number) => {
    if (!this.latency.has(seq)) this.latency.set(seq, latencyMs)
  }
}

async function collect(
  arrivals: Arrivals,
  row: Omit<DatagramRow, 'delivered' | 'latency' | 'sent'>,
  count: number,
  send: () => Promise<{ sent: number }>,
  withSeries = false,
): Promise<DatagramRow> {
  arrivals.reset()
  // Records the sender did put on the wire (UDP's induced drops happen before the socket).
  const { sent } = await send()
  await until(() => arrivals.latency.size >= sent, 3_000)
  const samples = [...arrivals.latency.values()]
  const series = withSeries ? Array.from({ length: count }, (_, seq) => arrivals.latency.get(seq) ?? null) : undefined
  return { ...row, sent: count, delivered: samples.length, latency: summarize(samples), ...(series && { series }) }
}

export async function measureTcpUdp(plan: LabPlan): Promise<TcpUdpResult> {
  const arrivals = new Arrivals()
  const receiver: DatagramReceiver = await startDatagramReceiver(arrivals.handler)
  const sender: ServerProcess = await startServerProcess('datagram-sender')
  const { loss } = plan
  const stream = { count: plan.datagramCount, intervalMs: plan.datagramIntervalMs }
  const first = { count: plan.firstMessageCount, intervalMs: 5 }
  const shim = await startLossShim({ targetPort: receiver.tcpPort, ...loss, lossRate: loss.rate })
  try {
    // Warm both paths (JIT, socket buffers) before anything is recorded.
    await sender.command('tcp-stream', { port: receiver.tcpPort, count: 50, intervalMs: 1 })
    await sender.command('udp-stream', {
      port: receiver.udpPort,
      count: 50,
      intervalMs: 1,
      lossRate: 0,
      delayMs: 0,
      seed: 1,
    })
    await sleep(100)
    const rows: DatagramRow[] = []
    const udpLossy = { lossRate: loss.rate, delayMs: loss.oneWayDelayMs, seed: loss.seed }
    rows.push(
      await collect(
        arrivals,
        { id: 'tcp-first', label: 'TCP, first message (handshake)', transport: 'tcp' },
        first.count,
        () => sender.command<{ sent: number }>('tcp-first', { port: receiver.tcpPort, ...first }),
      ),
      await collect(arrivals, { id: 'udp-first', label: 'UDP, first message', transport: 'udp' }, first.count, () =>
        sender.command<{ sent: number }>('udp-first', { port: receiver.udpPort, ...first }),
      ),
      await collect(arrivals, { id: 'tcp-stream', label: 'TCP, open connection', transport: 'tcp' }, stream.count, () =>
        sender.command<{ sent: number }>('tcp-stream', { port: receiver.tcpPort, ...stream }),
      ),
      await collect(arrivals, { id: 'udp-stream', label: 'UDP, datagrams', transport: 'udp' }, stream.count, () =>
        sender.command<{ sent: number }>('udp-stream', {
          port: receiver.udpPort,
          ...stream,
          lossRate: 0,
          delayMs: 0,
          seed: loss.seed,
        }),
      ),
    )
    const tcpImpaired = await collect(
      arrivals,
      { id: 'tcp-impaired', label: `TCP, ${loss.oneWayDelayMs} ms + ${loss.rate * 100}% loss`, transport: 'tcp' },
      stream.count,
      () => sender.command<{ sent: number }>('tcp-stream', { port: shim.port, ...stream }),
      true,
    )
    const recordsLost = shim.lost()
    const udpImpaired = await collect(
      arrivals,
      { id: 'udp-impaired', label: `UDP, ${loss.oneWayDelayMs} ms + ${loss.rate * 100}% loss`, transport: 'udp' },
      stream.count,
      () => sender.command<{ sent: number }>('udp-stream', { port: receiver.udpPort, ...stream, ...udpLossy }),
      true,
    )
    rows.push(tcpImpaired, udpImpaired)
    const netem = probeNetem()
    const method = netem.available
      ? 'userspace shim (netem is available here too; the shim keeps results comparable across machines)'
      : 'userspace shim (tc netem unavailable)'
    return { rows, impairment: { ...loss, method, netem, recordsLost } }
  } finally {
    await shim.close()
    await sender.stop()
    await receiver.close()
  }
}
