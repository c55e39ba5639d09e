import { matrixLatencyMs } from '../claims'
import type { LabResults } from '../lab'

/**
 * Chart.js configurations (plain JSON, no callbacks, so they embed in the page as data).
 * Latency axes are logarithmic: the guide's figures and loopback measurements are orders of
 * magnitude apart, and a linear axis would flatten the measurements to nothing.
 */
export interface ChartSpec {
  id: string
  title: string
  caption: string
  config: unknown
}

const colors = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1']

const bar = (
  labels: string[],
  datasets: { label: string; data: (number | null)[] }[],
  yTitle: string,
  log = false,
) => ({
  type: 'bar',
  data: {
    labels,
    datasets: datasets.map((set, index) => ({ ...set, backgroundColor: colors[index % colors.length] })),
  },
  options: {
    responsive: true,
    animation: false,
    scales: { y: { type: log ? 'logarithmic' : 'linear', title: { display: true, text: yTitle } } },
  },
})

export function buildCharts(results: LabResults): ChartSpec[] {
  const rr = results.requestReply
  const push = results.push
  const matrixMeasured: Record<string, number | undefined> = {
    REST: rr.find((r) => r.id === 'rest-http1')?.latency.p50,
    gRPC: rr.find((r) => r.id === 'grpc')?.latency.p50,
    WebSocket: push.find((p) => p.id === 'websocket')?.latency.p50,
    GraphQL: rr.find((r) => r.id === 'graphql')?.latency.p50,
    SSE: push.find((p) => p.id === 'sse')?.latency.p50,
    Kafka: push.find((p) => p.id === 'kafka')?.latency.p50,
    MQTT: push.find((p) => p.id === 'mqtt-aedes-qos1')?.latency.p50,
  }
  const names = Object.keys(matrixLatencyMs)
  const tcpLossy = results.tcpUdp.rows.find((row) => row.id === 'tcp-impaired')
  const udpLossy = results.tcpUdp.rows.find((row) => row.id === 'udp-impaired')
  return [
    {
      id: 'matrix',
      title: "The matrix's latency column vs this machine",
      caption: 'Guide range (low and high) next to the measured p50, in ms, log scale. Missing bars were not measured.',
      config: bar(
        names,
        [
          { label: 'guide, low', data: names.map((name) => matrixLatencyMs[name]?.[0] ?? null) },
          { label: 'guide, high', data: names.map((name) => matrixLatencyMs[name]?.[1] ?? null) },
          { label: 'measured p50', data: names.map((name) => matrixMeasured[name] ?? null) },
        ],
        'ms (log)',
        true,
      ),
    },
    {
      id: 'request-latency',
      title: 'Request/response round trip',
      caption: 'p50 and p99 at concurrency 1, ms, log scale.',
      config: bar(
        rr.map((r) => r.label),
        [
          { label: 'p50', data: rr.map((r) => r.latency.p50) },
          { label: 'p99', data: rr.map((r) => r.latency.p99) },
        ],
        'ms (log)',
        true,
      ),
    },
    {
      id: 'throughput',
      title: 'Throughput',
      caption: `Calls per second with ${results.plan.concurrency} in flight.`,
      config: bar(
        rr.map((r) => r.label),
        [{ label: 'calls/s', data: rr.map((r) => r.throughput) }],
        'calls/s',
      ),
    },
    {
      id: 'push-latency',
      title: 'Push: server event → client handler',
      caption: 'p50 and p99, ms, log scale.',
      config: bar(
        push.map((p) => p.label),
        [
          { label: 'p50', data: push.map((p) => p.latency.p50) },
          { label: 'p99', data: push.map((p) => p.latency.p99) },
        ],
        'ms (log)',
        true,
      ),
    },
    {
      id: 'exchange-bytes',
      title: 'Bytes on the wire for one call',
      caption: 'Steady-state request and response bytes, counted on the socket (TCP payload).',
      config: bar(
        rr.map((r) => r.label),
        [
          { label: 'request', data: rr.map((r) => r.bytes.request) },
          { label: 'response', data: rr.map((r) => r.bytes.response) },
        ],
        'bytes',
      ),
    },
    {
      id: 'hour-bytes',
      title: 'One simulated hour of notifications',
      caption: 'Total bytes both ways, 10 notifications a minute.',
      config: bar(
        results.bandwidth.map((b) => b.label),
        [{ label: 'bytes', data: results.bandwidth.map((b) => b.bytesToServer + b.bytesToClient) }],
        'bytes',
      ),
    },
    {
      id: 'loss',
      title: 'TCP vs UDP on a lossy path, record by record',
      caption: `One-way latency per record (ms) with ${results.tcpUdp.impairment.oneWayDelayMs} ms delay and ${results.tcpUdp.impairment.rate * 100}% loss. TCP's spikes are head-of-line blocking; UDP's gaps are lost records.`,
      config: {
        type: 'line',
        data: {
          labels: (tcpLossy?.series ?? []).map((_, seq) => seq),
          datasets: [
            { label: 'TCP', data: tcpLossy?.series ?? [], borderColor: colors[0], pointRadius: 0, spanGaps: false },
            { label: 'UDP', data: udpLossy?.series ?? [], borderColor: colors[1], pointRadius: 0, spanGaps: false },
          ],
        },
        options: { responsive: true, animation: false, scales: { y: { title: { display: true, text: 'ms' } } } },
      },
    },
    {
      id: 'user-size',
      title: "The guide's User: JSON vs protobuf",
      caption: "Bytes: the guide's figures next to the encoders' output.",
      config: bar(
        ['JSON', 'protobuf'],
        [
          { label: 'guide', data: [95, 28] },
          { label: 'measured', data: [results.payload.jsonCompact, results.payload.protobuf] },
        ],
        'bytes',
      ),
    },
  ]
}
