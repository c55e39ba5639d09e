import { seededRandom } from '@wired/runtime'
import mqtt, { type MqttClient } from 'mqtt'
import { createCity } from '../src/shared/city'

/**
 * Load for the benchmark, in its own process so it does not steal the event loop of the
 * services being measured. Publishes QoS 1 fixes on drivers/<id>/location for `drivers` ids
 * over a few connections authenticated as the backend user (10,000 real phones would be 10,000
 * connections; the broker → location-service leg, which this measures, is the same).
 *
 *   mode 'burst': `rounds` fixes per driver as fast as PUBACKs come back (WINDOW in flight)
 *   mode 'steady': `rate` fixes per second for `durationMs`
 */
interface Job {
  url: string
  username: string
  password: string
  drivers: number
  prefix: string
  connections: number
  mode: 'burst' | 'steady'
  rounds: number
  rate: number
  durationMs: number
}

const WINDOW = 1_000
const job = JSON.parse(process.argv[2] ?? '{}') as Job
const city = createCity()
const random = seededRandom(11)

function fix(): string {
  const point = { x: random() * 4800, y: random() * 4800 }
  return JSON.stringify({
    ...city.projection.toLatLon(point),
    ts: Date.now(),
    available: true,
    heading: 90,
    speedMps: 8,
  })
}

const topic = (i: number) => `drivers/${job.prefix}-${i % job.drivers}/location`

async function burst(client: MqttClient, share: number[]): Promise<void> {
  let next = 0
  let acked = 0
  let inFlight = 0
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      while (inFlight < WINDOW && next < share.length) {
        inFlight++
        client.publish(topic(share[next++]!), fix(), { qos: 1 }, (error) => {
          if (error) return reject(error)
          inFlight--
          if (++acked === share.length) resolve()
          else pump()
        })
      }
    }
    pump()
  })
}

async function steady(clients: MqttClient[]): Promise<number> {
  let sent = 0
  const tickMs = 50
  const perTick = Math.round((job.rate * tickMs) / 1000)
  const end = Date.now() + job.durationMs
  while (Date.now() < end) {
    const started = Date.now()
    for (let i = 0; i < perTick; i++) clients[i % clients.length]!.publish(topic(sent++), fix(), { qos: 1 })
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, tickMs - (Date.now() - started))))
  }
  return sent
}

const clients = await Promise.all(
  Array.from({ length: job.connections }, (_, i) =>
    mqtt.connectAsync(job.url, {
      clientId: `bench-publisher-${process.pid}-${i}`,
      username: job.username,
      password: job.password,
      clean: true,
    }),
  ),
)
process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
const started = performance.now()
let published = 0
if (job.mode === 'burst') {
  const total = job.drivers * job.rounds
  const shares: number[][] = clients.map(() => [])
  for (let i = 0; i < total; i++) shares[i % clients.length]!.push(i)
  await Promise.all(clients.map((client, i) => burst(client, shares[i]!)))
  published = total
} else {
  published = await steady(clients)
}
const ms = performance.now() - started
await Promise.all(clients.map((client) => client.endAsync()))
process.stdout.write(`${JSON.stringify({ published, ms })}\n`)
