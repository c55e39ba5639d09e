import { connect as tcpConnect } from 'node:net'
import { runModes, waitFor } from '@wired/testkit'
import mqtt from 'mqtt'
import mqttPacket from 'mqtt-packet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceIdentity } from '../src/shared/devices'
import { topicOf } from '../src/shared/home-topics'
import { api, collect, connectDevice, connectObserver, publishJson } from './support/devices'
import { type Harness, startHarness } from './support/harness'

// What MQTT gives a smart home, each feature doing its job, through real clients and the broker
// of the mode (aedes embedded, Mosquitto on real infra).
describe.each(runModes().filter((mode) => mode !== 'compose'))('%s: MQTT between devices and the home', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  })
  afterAll(() => h?.stop())

  it('retained state: a subscriber that arrives later sees every device of the home at once', async () => {
    const { home, devices } = await h.newHome()
    for (const device of [devices.lock, devices.light]) {
      const client = await connectDevice(h, device)
      await publishJson(client, device, 'state', { status: 'online', at: Date.now(), locked: true }, 1, true)
      await client.endAsync()
    }
    const late = await connectObserver(h)
    const seen = collect(late)
    await late.subscribeAsync(`home/${home}/#`, { qos: 1 })
    await waitFor(() => seen.length >= 2, { what: 'retained states' })
    expect(seen.map((m) => [m.topic, m.packet.retain, m.body.status]).sort()).toEqual(
      [
        [topicOf(devices.light, 'state'), true, 'online'],
        [topicOf(devices.lock, 'state'), true, 'online'],
      ].sort(),
    )
    await late.endAsync()
    // The dashboard learned them the same way, from its `home/#` subscription.
    const listed = await waitFor(async () => {
      const answer = await api(h, 'GET', `/v1/homes/${home}/devices`)
      return answer.data.length === 2 ? answer.data : undefined
    })
    expect(listed.map((d: { id: string }) => d.id)).toEqual([devices.light.id, devices.lock.id])
  })

  it('QoS by criticality: telemetry 0, alerts 1, a light command 1, a lock command 2', async () => {
    const { home, devices } = await h.newHome()
    const observer = await connectObserver(h)
    const seen = collect(observer)
    await observer.subscribeAsync(`home/${home}/#`, { qos: 2 })
    for (const device of [devices.lock, devices.light, devices.motion]) {
      const client = await connectDevice(h, device)
      await publishJson(client, device, 'state', { status: 'online', at: Date.now() }, 1, true)
      if (device.kind === 'motion') {
        await publishJson(
          client,
          device,
          'telemetry',
          { id: `${device.id}-q0`, at: Date.now(), metric: 'motion', value: 1 },
          0,
        )
        await publishJson(client, device, 'alert', { id: `${device.id}-q1`, at: Date.now(), type: 'motion' }, 1)
      }
      await client.endAsync()
    }
    await waitFor(async () => (await api(h, 'GET', `/v1/homes/${home}/devices`)).data.length === 3)
    expect((await api(h, 'POST', `/v1/devices/${devices.lock.id}/commands`, { action: 'unlock' })).data.qos).toBe(2)
    expect((await api(h, 'POST', `/v1/devices/${devices.light.id}/commands`, { action: 'on' })).data.qos).toBe(1)
    const qosOf = (channel: 'telemetry' | 'alert' | 'command', device: DeviceIdentity) =>
      seen.find((m) => m.topic === topicOf(device, channel))?.packet.qos
    await waitFor(() => seen.filter((m) => m.topic.endsWith('/command')).length === 2, { what: 'both commands' })
    expect(qosOf('telemetry', devices.motion)).toBe(0)
    expect(qosOf('alert', devices.motion)).toBe(1)
    expect(qosOf('command', devices.light)).toBe(1)
    expect(qosOf('command', devices.lock)).toBe(2)
    await observer.endAsync()
  })

  it('wildcards: home/+/+/+/telemetry gets readings from every home and nothing else', async () => {
    const [a, b] = [await h.newHome(), await h.newHome()]
    const observer = await connectObserver(h)
    const seen = collect(observer)
    await observer.subscribeAsync('home/+/+/+/telemetry', { qos: 0 })
    for (const device of [a.devices.thermostat, b.devices.thermostat]) {
      const client = await connectDevice(h, device)
      await publishJson(client, device, 'alert', { id: `${device.id}-a`, at: Date.now(), type: 'tamper' }, 1)
      await publishJson(
        client,
        device,
        'telemetry',
        { id: `${device.id}-t`, at: Date.now(), metric: 'temperature', value: 20 },
        1,
      )
      await client.endAsync()
    }
    await waitFor(() => seen.filter((m) => m.body.id?.toString().startsWith('t')).length >= 2, {
      what: 'both readings',
    })
    const mine = seen.filter((m) => m.topic.includes(a.home) || m.topic.includes(b.home))
    expect(mine.map((m) => m.topic).sort()).toEqual(
      [topicOf(a.devices.thermostat, 'telemetry'), topicOf(b.devices.thermostat, 'telemetry')].sort(),
    )
    await observer.endAsync()
  })

  it('last will: a device that goes silent is marked offline within 1.5 × its keepalive (+0.75 s slack; +10 s on Debian bookworm’s Mosquitto)', async () => {
    const { home, devices } = await h.newHome()
    const device = devices.motion
    const observer = await connectObserver(h)
    const seen = collect(observer)
    await observer.subscribeAsync(topicOf(device, 'state'), { qos: 1 })
    // A device whose link dies without a word: CONNECT with a 2 s keepalive and a last will, then
    // silence (no PINGREQ, no FIN), which is what a battery running out looks like to the broker.
    const keepaliveS = 2
    const url = new URL(h.mqttUrl)
    const socket = tcpConnect(Number(url.port), url.hostname)
    socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: false,
        clientId: device.id,
        keepalive: keepaliveS,
        username: device.id,
        password: Buffer.from(h.passwordOf(device.id)),
        will: { topic: topicOf(device, 'state'), payload: Buffer.from('{"status":"offline"}'), qos: 1, retain: true },
      }),
    )
    await new Promise<void>((resolve) => socket.once('data', () => resolve())) // CONNACK
    const connectedAt = Date.now()
    const will = await waitFor(() => seen.find((m) => m.body.status === 'offline'), {
      timeoutMs: 15_000,
      what: 'the last will',
    })
    const after = Date.now() - connectedAt
    socket.destroy()
    // Not before the keepalive ran out (so it is the keepalive that caught it), and within 1.5 ×
    // on aedes. Debian's Mosquitto 2.0.11 (the native broker here) sweeps its keepalives only every
    // few seconds: measured 4.5-7 s for this 2 s keepalive, and past 8 s on a loaded CI machine.
    // 9.03 s seen on a CI run. It gets 1.5 × plus 10 s, and the README reports the late wills.
    expect(after).toBeGreaterThanOrEqual(keepaliveS * 1000)
    expect(after).toBeLessThanOrEqual(keepaliveS * 1500 + (mode === 'embedded' ? 750 : 10_000))
    expect(will.packet.retain).toBe(false) // a live subscriber gets it as a normal message ...
    const answer = await waitFor(async () => {
      const listed = await api(h, 'GET', `/v1/homes/${home}/devices`)
      return listed.data.find((d: { id: string; status: string }) => d.id === device.id && d.status === 'offline')
    })
    expect(answer.status).toBe('offline') // ... and the dashboard shows it
    await observer.endAsync()
  })

  it('persistent session: a command sent while the lock sleeps is delivered when it wakes', async () => {
    const { home, devices } = await h.newHome()
    const lock = devices.lock
    const awake = await connectDevice(h, lock)
    await awake.subscribeAsync(topicOf(lock, 'command'), { qos: 2 })
    await publishJson(awake, lock, 'state', { status: 'online', at: Date.now(), locked: true }, 1, true)
    await waitFor(async () => (await api(h, 'GET', `/v1/homes/${home}/devices`)).data.length === 1)
    // Going to sleep: say so (retained), then DISCONNECT; the broker keeps the session.
    await publishJson(awake, lock, 'state', { status: 'asleep', at: Date.now(), locked: true }, 1, true)
    await awake.endAsync()
    await waitFor(async () => (await api(h, 'GET', `/v1/homes/${home}/devices`)).data[0].status === 'asleep')

    const sent = await api(h, 'POST', `/v1/devices/${lock.id}/commands`, { action: 'unlock' })
    expect(sent).toMatchObject({ status: 202, data: { qos: 2, deviceStatus: 'asleep', command: { action: 'unlock' } } })

    // Waking: clean=false, same client id. The listener is on before CONNACK, when the queue drains.
    const woken = mqtt.connect(h.mqttUrl, {
      clientId: lock.id,
      username: lock.id,
      password: h.passwordOf(lock.id),
      clean: false,
      reconnectPeriod: 0,
    })
    const received = collect(woken)
    const connack = await new Promise<{ sessionPresent: boolean }>((resolve) => woken.once('connect', resolve))
    expect(connack.sessionPresent).toBe(true)
    const command = await waitFor(() => received.find((m) => m.topic === topicOf(lock, 'command')), {
      what: 'the queued command',
    })
    expect(command.body).toMatchObject({ id: sent.data.command.id, action: 'unlock' })
    expect(command.packet.qos).toBe(2)
    await woken.endAsync()
  })
})
