import { hopsInOrder, newTraceparent, runModes, waitFor, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { topicOf } from '../src/shared/home-topics'
import { api, collect, connectDevice, publishJson } from './support/devices'
import { type Harness, startHarness } from './support/harness'
import { openSse } from './support/sse'

// The dashboard from outside: SSE with Last-Event-ID, history and commands over REST, the wire view.
describe.each(runModes().filter((mode) => mode !== 'compose'))('%s: the dashboard', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  })
  afterAll(() => h?.stop())

  it('SSE resumes from Last-Event-ID with exactly the readings the page missed, in order', async () => {
    const { home, devices } = await h.newHome()
    const light = devices.light
    const client = await connectDevice(h, light)
    // Readings n ms apart on the device's clock: two sent within one millisecond would tie on
    // \`at\`, and the history (newest first by \`at\`) would have no order between them.
    const startedAt = Date.now()
    const reading = (n: number) => ({ id: `${light.id}-r${n}`, at: startedAt + n, metric: 'power', value: n })
    const first = await openSse(`${h.dashboard}/v1/homes/${home}/events`)
    for (const n of [1, 2, 3]) await publishJson(client, light, 'telemetry', reading(n), 1)
    await waitFor(() => first.events.filter((e) => e.event === 'reading').length === 3, { what: '3 live readings' })
    const lastSeen = first.events.at(-1)!.id
    first.close()

    for (const n of [4, 5]) await publishJson(client, light, 'telemetry', reading(n), 1)
    // Wait until the dashboard has them (the history, fed by the same readings, says so).
    await waitFor(async () => (await api(h, 'GET', `/v1/devices/${light.id}/readings`)).data.length === 5, {
      timeoutMs: 15_000,
      what: 'five readings stored',
    })
    const resumed = await openSse(`${h.dashboard}/v1/homes/${home}/events`, lastSeen)
    await waitFor(() => resumed.events.length >= 2, { what: 'the missed readings' })
    expect(resumed.events.map((e) => e.data.id)).toEqual([`${light.id}-r4`, `${light.id}-r5`])
    await publishJson(client, light, 'telemetry', reading(6), 1)
    await waitFor(() => resumed.events.length === 3, { what: 'live after the replay' })
    expect(resumed.events[2]!.data.id).toBe(`${light.id}-r6`)
    resumed.close()

    // History over REST: newest first, from PostgreSQL's (device_id, at) index.
    const history = await waitFor(async () => {
      const answer = await api(h, 'GET', `/v1/devices/${light.id}/readings?limit=2`)
      return answer.data[0]?.id === `${light.id}-r6` ? answer : undefined
    })
    expect(history.data.map((r: { id: string }) => r.id)).toEqual([`${light.id}-r6`, `${light.id}-r5`])
    await client.endAsync()
  })

  it('a command with an Idempotency-Key sent twice reaches the lock once', async () => {
    const { home, devices } = await h.newHome()
    const lock = devices.lock
    const client = await connectDevice(h, lock)
    const received = collect(client)
    await client.subscribeAsync(topicOf(lock, 'command'), { qos: 2 })
    await publishJson(client, lock, 'state', { status: 'online', at: Date.now(), locked: true }, 1, true)
    await waitFor(async () => (await api(h, 'GET', `/v1/homes/${home}/devices`)).data.length === 1)
    const headers = { 'idempotency-key': `unlock-${home}` }
    const once = await api(h, 'POST', `/v1/devices/${lock.id}/commands`, { action: 'unlock' }, headers)
    const again = await api(h, 'POST', `/v1/devices/${lock.id}/commands`, { action: 'unlock' }, headers)
    expect(once.status).toBe(202)
    expect(again).toEqual(once)
    await waitFor(() => received.length === 1, { what: 'the command' })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(received.map((m) => m.body.id)).toEqual([once.data.command.id])
    await client.endAsync()
  })

  it('the wire view: a lock command is an HTTP request, then an MQTT publish at QoS 2 with its four-packet handshake', async () => {
    const { home, devices } = await h.newHome()
    const lock = devices.lock
    const client = await connectDevice(h, lock)
    await publishJson(client, lock, 'state', { status: 'online', at: Date.now() }, 1, true)
    await waitFor(async () => (await api(h, 'GET', `/v1/homes/${home}/devices`)).data.length === 1)
    const { traceparent, traceId } = newTraceparent()
    const sent = await api(h, 'POST', `/v1/devices/${lock.id}/commands`, { action: 'lock' }, { traceparent })
    expect(sent.status).toBe(202)
    const isPublish = (hop: { kind: string; protocol: string; name: string }) =>
      hop.kind === 'PRODUCER' && hop.protocol === 'mqtt' && hop.name === topicOf(lock, 'command')
    const hops = await waitForTrace(h.wireUrl, traceId, (seen) => seen.some(isPublish))
    expect(hops[0]).toMatchObject({ kind: 'SERVER', protocol: 'http', service: 'smart-home-dashboard' })
    expect(hops.find(isPublish)?.tags['messaging.mqtt.qos']).toBe('2')
    // The answer shows the QoS 2 handshake with the broker, packet by packet.
    expect(sent.data.handshake.map((step: { packet: string }) => step.packet)).toEqual([
      'PUBLISH',
      'PUBREC',
      'PUBREL',
      'PUBCOMP',
    ])
    const light = devices.light
    const lightClient = await connectDevice(h, light)
    await publishJson(lightClient, light, 'state', { status: 'online', at: Date.now() }, 1, true)
    await waitFor(async () => (await api(h, 'GET', `/v1/homes/${home}/devices`)).data.length === 2)
    const on = await api(h, 'POST', `/v1/devices/${light.id}/commands`, { action: 'on' })
    expect(on.data.handshake.map((step: { packet: string }) => step.packet)).toEqual(['PUBLISH', 'PUBACK'])
    await lightClient.endAsync()
    await client.endAsync()
  })
  it('the wire view: a traced reading is followed from the device through the bridge, Kafka and PostgreSQL', async () => {
    const { devices } = await h.newHome()
    const device = devices.thermostat
    const client = await connectDevice(h, device)
    const { traceparent, traceId } = newTraceparent()
    // MQTT 3.1.1 has no headers: a traced device leads its JSON payload with the trace.
    const payload = `{"trace":"${traceparent}","id":"${device.id}-traced","at":${Date.now()},"metric":"temperature","value":21}`
    await client.publishAsync(topicOf(device, 'telemetry'), payload, { qos: 1 })
    const hops = await waitForTrace(h.wireUrl, traceId, (seen) =>
      hopsInOrder(seen, [
        (hop) => hop.service === 'smart-home-bridge' && hop.kind === 'CONSUMER' && hop.protocol === 'mqtt',
        (hop) => hop.service === 'smart-home-bridge' && hop.kind === 'PRODUCER' && hop.protocol === 'kafka',
        (hop) => hop.service === 'smart-home-recorder' && hop.kind === 'CONSUMER' && hop.protocol === 'kafka',
        (hop) => hop.service === 'smart-home-recorder' && hop.protocol === 'sql',
      ]),
    )
    expect(hops.some((hop) => hop.service === 'smart-home-dashboard' && hop.protocol === 'mqtt')).toBe(true)
    await client.endAsync()
  })
})
