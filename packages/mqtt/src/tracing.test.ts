import { Hops, installTracing, readWireConfig, startWireCollector, type WireCollector } from '@wired/wire'
import type { IPublishPacket, MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishTraced, tracedMessageListener } from './tracing'

describe('MQTT trace context (3.1.1: the payload leads with it)', () => {
  let collector: WireCollector
  beforeAll(async () => {
    collector = await startWireCollector()
    installTracing(readWireConfig({ WIRE_COLLECTOR_URL: collector.url, WIRE_SAMPLE_RATIO: '1' }), 'mqtt-test')
  })
  afterAll(() => collector.stop())

  const packet = { qos: 1 } as IPublishPacket

  it('publishes with the trace first, and the listener reads the payload without it', async () => {
    const sent: string[] = []
    const client = {
      publishAsync: async (_topic: string, payload: string) => sent.push(payload),
    } as unknown as MqttClient
    await publishTraced(client, 'drivers/d1/location', { lat: 1, lon: 2 }, { qos: 1 }, new Hops())
    expect(sent[0]).toMatch(/^\{"trace":"00-[0-9a-f]{32}-[0-9a-f]{16}-01","lat":1,"lon":2\}$/)
    const read: string[] = []
    tracedMessageListener((_topic: string, payload: Buffer, _packet: IPublishPacket) => {
      read.push(payload.toString())
    })('drivers/d1/location', Buffer.from(sent[0]!), packet)
    expect(read).toEqual(['{"lat":1,"lon":2}'])
    const traceId = /00-([0-9a-f]{32})/.exec(sent[0]!)![1]!
    for (let i = 0; i < 50 && collector.traceOf(traceId).length < 2; i++) await new Promise((r) => setTimeout(r, 100))
    expect(
      collector
        .traceOf(traceId)
        .map((span) => span.kind)
        .sort(),
    ).toEqual(['CONSUMER', 'PRODUCER'])
  })

  it('leaves payloads without a leading trace as they are, whatever they hold', () => {
    const read: string[] = []
    const listener = tracedMessageListener((_topic: string, payload: Buffer, _packet: IPublishPacket) => {
      read.push(payload.toString())
    })
    const payloads = [
      '{"lat":1,"trace":"00-' + 'a'.repeat(32) + '-' + 'b'.repeat(16) + '-01"}', // not first: the app's field
      '{"trace":"not-a-traceparent","lat":1}',
      'online',
      '',
      '{"trace":"00-' + 'a'.repeat(32) + '-' + 'b'.repeat(16) + '-01"}',
    ]
    for (const payload of payloads) listener('t', Buffer.from(payload), packet)
    expect(read).toEqual([payloads[0], payloads[1], 'online', '', '{}'])
  })
})
