import { claims } from './claim-list'
import { type Claim, type Evidence, formatMs, type Judgement, judge, matrixLatencyMs, orderInversions } from './claims'
import type { LabResults } from './lab'
import type { Summary } from './measure/stats'

/** A claim with what the lab found: the rows of the report's claim tables. */
export interface ClaimRow extends Claim, Judgement {
  measured: string
}

const pct = (value: number) => `${value.toFixed(1)}%`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/** Turns raw results into one piece of evidence per claim (or why there is none). */
export function gatherEvidence(results: LabResults): Record<string, Evidence> {
  const missing = (id: string): Evidence => ({
    unavailable:
      results.notMeasured.find((entry) => entry.id === id || id.startsWith(entry.id))?.reason ??
      `${id} was not measured`,
  })
  const rr = (id: string) => results.requestReply.find((result) => result.id === id)?.latency
  const push = (id: string) => results.push.find((result) => result.id === id)?.latency
  const latency = (summary: Summary | undefined, id: string, note?: string): Evidence =>
    summary
      ? {
          value: summary.p50,
          display: formatMs(summary.p50),
          note: [`p99 ${formatMs(summary.p99)}`, note].filter(Boolean).join(', '),
        }
      : missing(id)
  const evidence: Record<string, Evidence> = {}

  const rest = rr('rest-http1')
  const grpc = rr('grpc')
  const wsRoundTrip = rr('websocket')
  const mosquitto = push('mqtt-mosquitto-qos1')
  evidence['rest-latency'] = latency(rest, 'rest-http1')
  evidence['grpc-latency'] = latency(grpc, 'grpc')
  evidence['graphql-latency'] = latency(rr('graphql'), 'graphql')
  evidence['websocket-latency'] = latency(
    push('websocket'),
    'websocket',
    wsRoundTrip && `request/reply round trip ${formatMs(wsRoundTrip.p50)}`,
  )
  evidence['sse-latency'] = latency(push('sse'), 'sse')
  evidence['mqtt-latency'] = latency(
    push('mqtt-aedes-qos1'),
    'mqtt-aedes-qos1',
    mosquitto && `Mosquitto ${formatMs(mosquitto.p50)}`,
  )
  evidence['kafka-latency'] = latency(push('kafka'), 'kafka')

  const measuredMs: Record<string, number> = {}
  const rank: [string, Summary | undefined][] = [
    ['REST', rest],
    ['gRPC', grpc],
    ['GraphQL', rr('graphql')],
    ['WebSocket', push('websocket')],
    ['SSE', push('sse')],
    ['MQTT', push('mqtt-aedes-qos1')],
    ['Kafka', push('kafka')],
  ]
  for (const [name, summary] of rank) if (summary) measuredMs[name] = summary.p50
  const inversions = orderInversions(matrixLatencyMs, measuredMs)
  const absent = rank.filter(([, summary]) => !summary).map(([name]) => name)
  evidence['matrix-order'] = {
    value: inversions.length,
    display: `${inversions.length} inverted`,
    note: [inversions.slice(0, 3).join('; '), absent.length ? `without ${absent.join(', ')}` : '']
      .filter(Boolean)
      .join('; '),
  }

  const throughput = (id: string) => results.requestReply.find((result) => result.id === id)?.throughput
  evidence['grpc-vs-rest'] =
    rest && grpc
      ? {
          value: rest.p50 / grpc.p50,
          display: `${(rest.p50 / grpc.p50).toFixed(2)}x`,
          note: `throughput gRPC ÷ REST ${((throughput('grpc') ?? 0) / (throughput('rest-http1') ?? 1)).toFixed(2)}x; a network adds the same round trip to both, pulling the ratio toward 1`,
        }
      : missing(rest ? 'grpc' : 'rest-http1')

  const { payload } = results
  evidence['user-json-bytes'] = {
    value: payload.jsonCompact,
    display: `${payload.jsonCompact} bytes`,
    note: `${payload.jsonPretty} bytes indented as the guide prints it`,
  }
  evidence['user-protobuf-bytes'] = {
    value: payload.protobuf,
    display: `${payload.protobuf} bytes`,
    note: 'every field costs a tag byte and strings a length byte',
  }
  const reduction = 100 * (1 - payload.protobuf / payload.jsonCompact)
  evidence['user-size-reduction'] = {
    value: reduction,
    display: pct(reduction),
    note: `${pct(100 * (1 - payload.protobuf / payload.jsonPretty))} against indented JSON`,
  }

  const polling = results.bandwidth.find((result) => result.id === 'polling')
  const websocket = results.bandwidth.find((result) => result.id === 'websocket')
  if (polling && websocket) {
    const total = (result: typeof polling) => result.bytesToServer + result.bytesToClient
    const saving = 100 * (1 - total(websocket) / total(polling))
    evidence['polling-bandwidth'] = {
      value: saving,
      display: `${pct(saving)} less`,
      note: `${kb(total(polling))} polling vs ${kb(total(websocket))} WebSocket; a poll costs ${(total(polling) / polling.requests).toFixed(0)} B with Node's minimal headers, browsers send more`,
    }
    evidence['polling-requests'] = {
      value: polling.requests,
      display: `${polling.requests} requests`,
      note: 'an hour holds 720 five-second intervals',
    }
    const empty = (100 * polling.emptyResponses) / polling.requests
    evidence['polling-empty'] = {
      value: empty,
      display: pct(empty),
      note: 'at 10 updates a minute most 5 s windows hold one',
    }
  } else for (const id of ['polling-bandwidth', 'polling-requests', 'polling-empty']) evidence[id] = missing('polling')

  const publishes = results.mqttHeaders.filter((packet) => packet.type === 'PUBLISH')
  const small = publishes[0]
  evidence['mqtt-fixed-header'] = small
    ? {
        value: small.fixedHeaderBytes,
        display: `${small.fixedHeaderBytes} bytes`,
        note: `${publishes
          .map((p) => `${p.fixedHeaderBytes} B at ${p.payloadBytes} B payload`)
          .slice(1, 3)
          .join(', ')}; topic and packet id come on top`,
      }
    : missing('mqtt-aedes')

  const row = (id: string) => results.tcpUdp.rows.find((entry) => entry.id === id)
  const tcpFirst = row('tcp-first')
  const udpFirst = row('udp-first')
  evidence['tcp-latency'] = latency(tcpFirst?.latency, 'tcp-first')
  evidence['udp-latency'] = latency(udpFirst?.latency, 'udp-first')
  const [tcp, udp, tcpLossy, udpLossy] = ['tcp-stream', 'udp-stream', 'tcp-impaired', 'udp-impaired'].map(row)
  evidence['udp-vs-tcp'] =
    tcp && udp && tcpLossy && udpLossy && tcpFirst && udpFirst
      ? {
          value: tcp.latency.p50 / udp.latency.p50,
          display: `${(tcp.latency.p50 / udp.latency.p50).toFixed(2)}x`,
          wan: {
            value: tcpLossy.latency.p99 / udpLossy.latency.p99,
            display: `${(tcpLossy.latency.p99 / udpLossy.latency.p99).toFixed(1)}x at p99`,
          },
          note: `first message ${(tcpFirst.latency.p50 / udpFirst.latency.p50).toFixed(1)}x; under loss p50 ${formatMs(tcpLossy.latency.p50)} vs ${formatMs(udpLossy.latency.p50)}, UDP lost ${udpLossy.sent - udpLossy.delivered}`,
        }
      : missing('tcp-udp')
  return evidence
}

export function judgeAll(results: LabResults): ClaimRow[] {
  const evidence = gatherEvidence(results)
  return claims.map((claim) => {
    const found = evidence[claim.id] ?? { unavailable: 'no measurement maps to this claim' }
    const measured = 'unavailable' in found ? 'NOT MEASURED' : found.display
    return { ...claim, ...judge(claim, found), measured }
  })
}
