import { sleep, waitFor } from '@wired/testkit'
import mqtt, { type MqttClient } from 'mqtt'
import type { DeviceIdentity } from '../src/shared/devices'
import { topicOf } from '../src/shared/home-topics'
import { connectDevice } from '../test/support/devices'
import type { Harness } from '../test/support/harness'
import { openSse } from '../test/support/sse'

export interface BenchDevice {
  device: DeviceIdentity
  client: MqttClient
}

/** `n` thermostats, each in a home of its own, connected with their own credentials. */
export async function connectBenchDevices(h: Harness, n: number): Promise<BenchDevice[]> {
  const devices: BenchDevice[] = []
  for (let i = 0; i < n; i++) {
    const { devices: home } = await h.newHome()
    devices.push({ device: home.thermostat, client: await connectDevice(h, home.thermostat, { clean: true }) })
  }
  return devices
}

/**
 * The baseline: backend clients publishing QoS 0 to a plain topic and one subscriber receiving,
 * no pipeline. Messages received per second over the run.
 */
export async function bareBrokerRate(h: Harness, total: number): Promise<number> {
  const options = { username: h.backend.username, password: h.backend.password, reconnectPeriod: 0 }
  const subscriber = await mqtt.connectAsync(h.mqttUrl, { ...options, clientId: `bench-sub-${Date.now()}` })
  await subscriber.subscribeAsync('bench/#', { qos: 0 })
  let received = 0
  subscriber.on('message', () => {
    received++
  })
  const publishers = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      mqtt.connectAsync(h.mqttUrl, { ...options, clientId: `bench-pub-${i}-${Date.now()}` }),
    ),
  )
  const payload = JSON.stringify({ id: 'bench-0000000000', at: Date.now(), metric: 'temperature', value: 21.5 })
  const start = Date.now()
  await Promise.all(
    publishers.map(async (client, i) => {
      for (let n = 0; n < total / publishers.length; n += 200) {
        const batch = Array.from({ length: 200 }, () => client.publishAsync(`bench/${i}`, payload, { qos: 0 }))
        await Promise.all(batch)
      }
    }),
  )
  await waitFor(() => received >= total * 0.99, { timeoutMs: 30_000, what: 'bare messages' }).catch(() => {})
  const rate = (received * 1000) / (Date.now() - start)
  await Promise.all([...publishers, subscriber].map((client) => client.endAsync(true)))
  return rate
}

/**
 * `count` QoS 0 readings from the bench devices, as fast as they can write, and the time until
 * PostgreSQL holds them: the whole pipeline's throughput, measured at its far end.
 */
export async function endToEnd(h: Harness, devices: BenchDevice[], count: number) {
  const run = Date.now().toString(36)
  const start = Date.now()
  await Promise.all(
    devices.map(async ({ device, client }) => {
      const topic = topicOf(device, 'telemetry')
      for (let n = 0; n < count / devices.length; n += 100) {
        const batch = Array.from({ length: 100 }, (_, k) =>
          client.publishAsync(
            topic,
            JSON.stringify({ id: `${device.id}-${run}-${n + k}`, at: Date.now(), metric: 'temperature', value: 21.5 }),
            { qos: 0 },
          ),
        )
        await Promise.all(batch)
      }
    }),
  )
  const published = Date.now()
  const ids = devices.map(({ device }) => device.id)
  let stored = 0
  let lastChange = Date.now()
  // Until every reading is stored, or nothing more arrives for 5 s (QoS 0 may drop under load).
  while (stored < count && Date.now() - lastChange < 5_000) {
    await sleep(250)
    const { rows } = await h.db.query(
      `SELECT count(*)::int AS n FROM readings WHERE device_id = ANY($1) AND id LIKE '%-${run}-%'`,
      [ids],
    )
    if (rows[0].n !== stored) lastChange = Date.now()
    stored = rows[0].n
  }
  const end = stored === count ? Date.now() : lastChange
  console.log(`  published ${count} in ${published - start} ms; stored ${stored} after ${end - start} ms`)
  return { rate: (stored * 1000) / (end - start), stored }
}

/**
 * Reading → dashboard: a page watching one home over SSE; that home's device publishes 20
 * readings a second stamped with the time, while the other devices keep `backgroundRate` going.
 */
export async function latencyToDashboard(
  h: Harness,
  devices: BenchDevice[],
  options: { seconds: number; backgroundRate: number },
) {
  const [watched, ...others] = devices
  const page = await openSse(`${h.dashboard}/v1/homes/${watched!.device.home}/events`)
  let running = true
  const perTick = Math.max(1, Math.round(options.backgroundRate / 100 / others.length))
  const background = (async () => {
    let n = 0
    while (running) {
      for (const { device, client } of others)
        for (let k = 0; k < perTick; k++)
          client.publish(
            topicOf(device, 'telemetry'),
            JSON.stringify({ id: `${device.id}-bg${n++}`, at: Date.now(), metric: 'temperature', value: 20 }),
            { qos: 0 },
          )
      await sleep(10)
    }
  })()
  const topic = topicOf(watched!.device, 'telemetry')
  const sentAt = new Map<string, number>()
  for (let i = 0; i < options.seconds * 20; i++) {
    const id = `${watched!.device.id}-lat${i}`
    sentAt.set(id, Date.now())
    watched!.client.publish(topic, JSON.stringify({ id, at: Date.now(), metric: 'temperature', value: 22 }), { qos: 0 })
    await sleep(50)
  }
  running = false
  await background
  await sleep(1_000)
  page.close()
  const latencies = page.events
    .filter((event) => event.event === 'reading' && sentAt.has(event.data.id))
    .map((event) => event.receivedAt - sentAt.get(event.data.id)!)
    .sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN
  return { samples: latencies.length, p50: at(0.5), p99: at(0.99), backgroundRate: perTick * others.length * 100 }
}
