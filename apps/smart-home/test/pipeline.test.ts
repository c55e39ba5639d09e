import { runModes, sleep, waitFor } from '@wired/testkit'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceIdentity } from '../src/shared/devices'
import { topicOf } from '../src/shared/home-topics'
import { connectDevice, publishJson } from './support/devices'
import { type Harness, startHarness } from './support/harness'
import { openSse } from './support/sse'

// device → broker → bridge → Kafka → recorder → PostgreSQL, and → alerts → Kafka → dashboard.
describe.each(runModes().filter((mode) => mode !== 'compose'))('%s: the telemetry pipeline', (mode) => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(mode)
  })
  afterAll(() => h?.stop())

  it('a hot reading at QoS 1 lands in PostgreSQL and Kafka, and its notification reaches the page over SSE', async () => {
    const { home, devices } = await h.newHome()
    const thermostat = devices.thermostat
    const client = await connectDevice(h, thermostat)
    await publishJson(client, thermostat, 'state', { status: 'online', at: Date.now(), setpoint: 21 }, 1, true)
    const page = await openSse(`${h.dashboard}/v1/homes/${home}/events`)
    expect(page.status).toBe(200)
    const id = `${thermostat.id}-hot`
    await publishJson(client, thermostat, 'telemetry', { id, at: Date.now(), metric: 'temperature', value: 34.5 }, 1)

    const row = await waitFor(
      async () =>
        (await h.db.query('SELECT id, device_id, metric, value, qos FROM readings WHERE id = $1', [id])).rows[0],
      { timeoutMs: 15_000, what: 'the reading in PostgreSQL' },
    )
    expect(row).toEqual({ id, device_id: thermostat.id, metric: 'temperature', value: 34.5, qos: 1 })
    const notification = await waitFor(() => page.events.find((e) => e.event === 'notification'), {
      timeoutMs: 15_000,
      what: 'the notification on SSE',
    })
    expect(notification.data).toMatchObject({
      id: `${id}:too-hot`,
      rule: 'too-hot',
      device: thermostat.id,
      value: 34.5,
    })
    expect(page.events.find((e) => e.event === 'reading')?.data).toMatchObject({ id, value: 34.5 })
    const stored = await h.db.query('SELECT rule FROM notifications WHERE home = $1', [home])
    expect(stored.rows).toEqual([{ rule: 'too-hot' }])
    expect((await h.readingsInKafka()).filter((r) => r.id === id)).toEqual([
      expect.objectContaining({ id, device: thermostat.id, home, metric: 'temperature', value: 34.5, qos: 1 }),
    ])
    page.close()
    await client.endAsync()
  })

  it('no loss: the broker restarts and the bridge is killed mid-stream, yet every acknowledged QoS 1 reading is in Kafka and PostgreSQL', async () => {
    const homes = [await h.newHome(), await h.newHome()]
    const devices = homes.flatMap((home) => [home.devices.thermostat, home.devices.lock])
    const acked = new Set<string>()
    const clients = await Promise.all(devices.map((device) => connectResilient(h, device)))
    let running = true
    const streams = clients.map(async (client, i) => {
      const device = devices[i]!
      const metric = device.kind === 'thermostat' ? 'temperature' : 'battery'
      const pending: Promise<void>[] = []
      for (let n = 0; running; n++) {
        const id = `${device.id}-${n}`
        const body = JSON.stringify({ id, at: Date.now(), metric, value: 20 + (n % 5) })
        // Resolves on PUBACK: from then on the reading is the broker's (and the pipeline's) to keep.
        pending.push(client.publishAsync(topicOf(device, 'telemetry'), body, { qos: 1 }).then(() => void acked.add(id)))
        await sleep(15)
      }
      await Promise.allSettled(pending)
    })

    await sleep(1_000)
    await h.restartBroker()
    await sleep(1_000)
    await h.booted.processes!.kill('bridge') // kill -9 on real infra; embedded: stopped in place
    await sleep(1_000)
    await h.booted.processes!.start('bridge')
    await sleep(1_000)
    running = false
    await Promise.race([Promise.all(streams), sleep(20_000)])
    expect(acked.size).toBeGreaterThan(100)

    const ids = [...acked]
    const inDatabase = await waitFor(
      async () => {
        const { rows } = await h.db.query('SELECT count(*)::int AS n FROM readings WHERE id = ANY($1)', [ids])
        return rows[0].n === ids.length ? rows[0].n : undefined
      },
      { timeoutMs: 30_000, intervalMs: 500, what: `${ids.length} readings in PostgreSQL` },
    ).catch(async (error) => {
      const { rows } = await h.db.query('SELECT id FROM readings WHERE id = ANY($1)', [ids])
      const found = new Set(rows.map((row) => row.id))
      throw new Error(
        `${(error as Error).message}; missing ${ids
          .filter((id) => !found.has(id))
          .slice(0, 10)
          .join(', ')}`,
      )
    })
    expect(inDatabase).toBe(ids.length)
    const inKafka = new Set((await h.readingsInKafka()).map((reading) => reading.id))
    expect(ids.filter((id) => !inKafka.has(id))).toEqual([])
    await Promise.all(clients.map((client) => client.endAsync(true)))
  }, 90_000)
})

/** A device that rides out a broker restart: reconnects, same session, resends unacked QoS 1. */
async function connectResilient(h: Harness, device: DeviceIdentity): Promise<MqttClient> {
  const client = mqtt.connect(h.mqttUrl, {
    clientId: device.id,
    username: device.id,
    password: h.passwordOf(device.id),
    clean: false,
    reconnectPeriod: 200,
    connectTimeout: 5_000,
  })
  client.on('error', () => {})
  await new Promise((resolve) => client.once('connect', resolve))
  return client
}
