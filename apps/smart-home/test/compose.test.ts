import { randomBytes } from 'node:crypto'
import { connect as tcpConnect } from 'node:net'
import { bootScenario, compose, composeProjectOf, launchChromium, sleep, waitFor } from '@wired/testkit'
import mqtt, { type MqttClient } from 'mqtt'
import mqttPacket from 'mqtt-packet'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenario } from '../src/scenario'
import { devicePassword, parseDeviceId } from '../src/shared/devices'
import { topicOf } from '../src/shared/home-topics'

// The compose profile, driven from the host: the dashboard through its published port, devices
// of the lab homes (in Mosquitto's password file, left alone by the simulator) over the published
// MQTT port, PostgreSQL through the test overlay. A smoke subset of the suite: the other files
// make up devices per test and restart an in-process broker, which compose's fixed password file
// and containers do not allow; the no-loss check below does it with compose's own restart.
describe('smart-home compose profile', () => {
  let dashboard: string
  let mqttUrl: string
  let secret: string
  let backendPassword: string
  let db: pg.Pool
  let processes: NonNullable<Awaited<ReturnType<typeof bootScenario>>['processes']>
  const project = composeProjectOf(scenario)

  beforeAll(async () => {
    const booted = await bootScenario(scenario, 'compose')
    dashboard = booted.urls.dashboard!
    const port = (await compose(project, ['port', 'smart-home-mosquitto', '1883'])).trim().split(':').at(-1)
    mqttUrl = `mqtt://127.0.0.1:${port}`
    secret = booted.env.SIM_DRIVER_PASSWORD!
    backendPassword = booted.env.MQTT_PASSWORD!
    processes = booted.processes!
    const url = new URL(booted.env.DATABASE_URL!)
    url.searchParams.set('options', '-c search_path=smarthome')
    db = new pg.Pool({ connectionString: url.toString(), max: 2 })
  })
  afterAll(() => db?.end())

  const device = (id: string) => parseDeviceId(id)!
  const connect = (id: string, reconnectPeriod = 0): Promise<MqttClient> =>
    mqtt.connectAsync(mqttUrl, {
      clientId: id,
      username: id,
      password: devicePassword(secret, id),
      clean: false,
      reconnectPeriod,
    })

  it('the simulator’s 1,000 devices show on the dashboard, live', async () => {
    const homes = await waitFor(
      async () => {
        const answer = (await (await fetch(`${dashboard}/v1/homes`)).json()) as {
          data: Array<{ home: string; devices: number }>
        }
        return answer.data.filter((home) => home.home.startsWith('h')).length >= 250 ? answer.data : undefined
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: '250 simulated homes' },
    )
    expect(homes.find((home) => home.home === 'h001')).toMatchObject({ devices: 4 })
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const failures: string[] = []
      page.on('pageerror', (error) => failures.push(error.message))
      await page.goto(`${dashboard}/?home=h001`)
      await page.waitForSelector('#connection[data-state="live"]')
      await page.locator('[data-device="h001-thermostat"]').waitFor()
      await page.locator('#feed li').first().waitFor({ timeout: 30_000 }) // the simulator's readings, live
      expect(failures).toEqual([])
    } finally {
      await browser.close()
    }
  }, 120_000)

  it('bad credentials and a foreign topic are refused by Mosquitto’s password file and ACL', async () => {
    await expect(
      mqtt.connectAsync(mqttUrl, { username: 'lab01-lock', password: 'wrong', reconnectPeriod: 0 }),
    ).rejects.toMatchObject({
      code: expect.toBeOneOf([4, 5]),
    })
    const observer = await mqtt.connectAsync(mqttUrl, {
      username: 'smart-home-backend',
      password: backendPassword,
      reconnectPeriod: 0,
    })
    const seen: string[] = []
    observer.on('message', (topic) => seen.push(topic))
    await observer.subscribeAsync('home/lab02/#', { qos: 1 })
    await sleep(300)
    seen.length = 0 // retained states from earlier runs
    const thief = await connect('lab01-light')
    await thief
      .publishAsync(topicOf(device('lab02-lock'), 'state'), '{"status":"online","locked":false}', { qos: 1 })
      .catch(() => {})
    await sleep(800)
    expect(seen).toEqual([])
    await thief.endAsync()
    await observer.endAsync()
  })

  it('last will: a silent device is marked offline within 1.5 × its keepalive (+2 s clock slack) by compose’s Mosquitto', async () => {
    const id = 'lab05-motion'
    const observer = await mqtt.connectAsync(mqttUrl, {
      username: 'smart-home-backend',
      password: backendPassword,
      reconnectPeriod: 0,
    })
    let offlineAt = 0
    observer.on('message', (_topic, payload, packet) => {
      if (!packet.retain && String(payload).includes('offline')) offlineAt = Date.now()
    })
    await observer.subscribeAsync(topicOf(device(id), 'state'), { qos: 1 })
    // CONNECT with a 4 s keepalive and a will, then silence on an open socket.
    const url = new URL(mqttUrl)
    const socket = tcpConnect(Number(url.port), url.hostname)
    socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        clientId: id,
        keepalive: 4,
        username: id,
        password: Buffer.from(devicePassword(secret, id)),
        will: {
          topic: topicOf(device(id), 'state'),
          payload: Buffer.from('{"status":"offline"}'),
          qos: 1,
          retain: true,
        },
      }),
    )
    await new Promise<void>((resolve) => socket.once('data', () => resolve()))
    const connectedAt = Date.now()
    await waitFor(() => offlineAt > 0, { timeoutMs: 10_000, what: 'the last will' })
    socket.destroy()
    await observer.endAsync()
    const after = offlineAt - connectedAt
    console.log(`compose Mosquitto fired the will ${after} ms after CONNACK (keepalive 4 s)`)
    expect(after).toBeGreaterThanOrEqual(4_000)
    // Mosquitto keeps a client's last activity in whole seconds and checks keepalives about once a
    // second, so the will can come up to two seconds after 1.5 × keepalive (seen: 3.4-4.0 s at 2 s).
    expect(after).toBeLessThanOrEqual(6_000 + 2_000)
  })

  it('no loss: Mosquitto restarts and the bridge is killed mid-stream; every acknowledged QoS 1 reading is in PostgreSQL', async () => {
    const ids = ['lab03-thermostat', 'lab04-thermostat']
    const run = randomBytes(3).toString('hex')
    const clients = await Promise.all(ids.map((id) => connect(id, 300)))
    for (const client of clients) client.on('error', () => {})
    const acked = new Set<string>()
    let running = true
    const streams = clients.map(async (client, i) => {
      const pending: Promise<void>[] = []
      for (let n = 0; running; n++) {
        const id = `${ids[i]}-${run}-${n}`
        const body = JSON.stringify({ id, at: Date.now(), metric: 'temperature', value: 20 })
        pending.push(
          client.publishAsync(topicOf(device(ids[i]!), 'telemetry'), body, { qos: 1 }).then(() => void acked.add(id)),
        )
        await sleep(20)
      }
      await Promise.allSettled(pending)
    })
    await sleep(1_000)
    await compose(project, ['restart', '-t', '5', 'smart-home-mosquitto'])
    await sleep(1_000)
    await processes.kill('bridge')
    await sleep(1_000)
    await processes.start('bridge')
    await sleep(1_000)
    running = false
    await Promise.race([Promise.all(streams), sleep(30_000)])
    expect(acked.size).toBeGreaterThan(50)
    const all = [...acked]
    await waitFor(
      async () => {
        const { rows } = await db.query('SELECT count(*)::int AS n FROM readings WHERE id = ANY($1)', [all])
        return rows[0].n === all.length
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: `${all.length} readings in PostgreSQL` },
    )
    await Promise.all(clients.map((client) => client.endAsync(true)))
  }, 150_000)
})
