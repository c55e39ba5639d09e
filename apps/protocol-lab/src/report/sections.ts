import { formatMs } from '../claims'
import type { LabResults } from '../lab'
import type { ClaimRow } from '../verdicts'

/**
 * The report's tables as plain data (headers + rows of strings), shared by the console output
 * and the HTML page so both always say the same thing.
 */
export interface Section {
  title: string
  headers: string[]
  rows: string[][]
  /** Rows (by index) that must stand out: verdicts that are not measured. */
  loud?: number[]
}

const bytes = (value: number) => value.toFixed(0)

/** The spread of p50 across runs: how far apart two rows must be before the gap means anything. */
const spread = (runs: { p50: number }[]) => {
  const p50s = runs.map((run) => run.p50)
  return `${formatMs(Math.min(...p50s))} – ${formatMs(Math.max(...p50s))}`
}

export function claimSections(rows: ClaimRow[]): Section[] {
  const sections = new Map<string, ClaimRow[]>()
  for (const row of rows) sections.set(row.section, [...(sections.get(row.section) ?? []), row])
  return [...sections].map(([title, entries]) => ({
    title: `Claims: ${title}`,
    headers: ['claim', 'guide', 'measured', 'verdict', 'why', 'measured as'],
    rows: entries.map((row) => [row.claim, row.guideFigure, row.measured, row.verdict, row.reason, row.measuredAs]),
    loud: entries.flatMap((row, index) => (row.verdict === 'not measured' ? [index] : [])),
  }))
}

export function measurementSections(results: LabResults): Section[] {
  const sections: Section[] = [
    {
      title: `Request/response (the guide's User; p50/p99 at concurrency 1, throughput at ${results.plan.concurrency} in flight)`,
      headers: ['protocol', 'p50', 'p50 per run', 'p99', 'calls/s', 'request B', 'response B', 'setup B', 'failed'],
      rows: results.requestReply.map((r) => [
        r.label,
        formatMs(r.latency.p50),
        spread(r.latencyRuns),
        formatMs(r.latency.p99),
        r.throughput.toFixed(0),
        bytes(r.bytes.request),
        bytes(r.bytes.response),
        bytes(r.bytes.setup),
        `${r.failures}/${r.calls}`,
      ]),
    },
    {
      title: 'Push (server event → client handler, one way)',
      headers: ['path', 'p50', 'p99', 'delivered', 'duplicates', 'bytes/event'],
      rows: [
        ...results.push.map((p) => [
          p.label,
          formatMs(p.latency.p50),
          formatMs(p.latency.p99),
          `${p.delivered}/${p.sent}`,
          String(p.duplicates),
          bytes(p.bytesPerEvent),
        ]),
        ...results.notMeasured.map((n) => [n.label, 'NOT MEASURED', '', '', '', n.reason]),
      ],
      loud: results.notMeasured.map((_, index) => results.push.length + index),
    },
    {
      title: 'One simulated hour of notifications (10 a minute), bytes counted on the socket',
      headers: ['client', 'requests', 'empty', 'bytes up', 'bytes down', 'total', 'delivered'],
      rows: results.bandwidth.map((b) => [
        b.label,
        String(b.requests),
        String(b.emptyResponses),
        bytes(b.bytesToServer),
        bytes(b.bytesToClient),
        bytes(b.bytesToServer + b.bytesToClient),
        `${b.notificationsReceived}/${b.notificationsSent}`,
      ]),
    },
    {
      title: `TCP vs UDP, one way (impairment: ${results.tcpUdp.impairment.method})`,
      headers: ['path', 'p50', 'p99', 'max', 'delivered'],
      rows: results.tcpUdp.rows.map((row) => [
        row.label,
        formatMs(row.latency.p50),
        formatMs(row.latency.p99),
        formatMs(row.latency.max),
        `${row.delivered}/${row.sent}`,
      ]),
    },
    {
      title: 'MQTT packets from the broker, fixed headers read off the wire',
      headers: ['packet', 'fixed header B', 'remaining length B', 'payload B'],
      rows: results.mqttHeaders.map((p) => [
        p.type,
        String(p.fixedHeaderBytes),
        String(p.remainingLength),
        p.payloadBytes === undefined ? '' : String(p.payloadBytes),
      ]),
    },
    {
      title: "The guide's User, encoded",
      headers: ['encoding', 'bytes', 'guide'],
      rows: [
        ['JSON, compact', String(results.payload.jsonCompact), '95'],
        ['JSON, indented', String(results.payload.jsonPretty), ''],
        [`protobuf (${results.payload.protobufHex})`, String(results.payload.protobuf), '28'],
      ],
    },
  ]
  return sections
}
