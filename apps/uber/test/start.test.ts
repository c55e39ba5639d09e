import type { RunningScenario } from '@wired/kit'
import { runModes, sleep, waitFor } from '@wired/testkit'
import mqtt from 'mqtt'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbedded } from '../src/embedded'

/**
 * `./wired start uber` prints the URLs that startEmbedded returns (scripts/start.ts). They must
 * be enough to do the README's "What to try" by hand: watch the drivers' MQTT traffic with the
 * backend's login, publish as one simulated driver, open PostgreSQL with psql.
 */
describe.runIf(runModes().includes('embedded'))('./wired start uber prints what "What to try" needs', () => {
  let running: RunningScenario

  beforeAll(async () => {
    running = await startEmbedded({ port: 0 })
  })
  afterAll(async () => {
    await running?.stop()
  })

  it('prints the MQTT URL with the backend login and the drivers logins, and they work', async () => {
    const { urls } = running
    expect(Object.keys(urls)).toEqual(
      expect.arrayContaining([
        'MQTT broker',
        'MQTT backend user',
        'MQTT backend password',
        'MQTT drivers',
        'MQTT drivers password',
        'postgres',
      ]),
    )
    const url = urls['MQTT broker']!
    const backend = await mqtt.connectAsync(url, {
      username: urls['MQTT backend user'],
      password: urls['MQTT backend password'],
      reconnectPeriod: 0,
    })
    const seen: string[] = []
    backend.on('message', (topic) => seen.push(topic))
    await backend.subscribeAsync('drivers/#', { qos: 0 })
    await waitFor(() => seen.some((topic) => /^drivers\/sim-\d{3}\/location$/.test(topic)), {
      timeoutMs: 10_000,
      what: 'a simulated fix',
    })

    // "Publish as one driver on another's topic and see nothing arrive."
    const [first, last] = urls['MQTT drivers']!.split(' … ')
    expect(first).toBe('sim-001')
    const driver = await mqtt.connectAsync(url, {
      username: first,
      password: urls['MQTT drivers password'],
      reconnectPeriod: 0,
    })
    await driver.publishAsync(`drivers/${first}/nonsense`, 'hello', { qos: 0 })
    await Promise.race([
      driver.publishAsync(`drivers/${last}/nonsense`, 'spoof', { qos: 1 }).catch(() => {}),
      sleep(500),
    ])
    await waitFor(() => seen.includes(`drivers/${first}/nonsense`), { what: "the driver's own publish" })
    await sleep(200)
    expect(seen).not.toContain(`drivers/${last}/nonsense`)
    await driver.endAsync(true)
    await backend.endAsync()
  })

  it('prints a PostgreSQL URL that psql (here: pg) can open', async () => {
    const client = new pg.Client({ connectionString: running.urls.postgres })
    await client.connect()
    try {
      const { rows } = await client.query<{ count: string }>("SELECT count(*) FROM drivers WHERE id LIKE 'sim-%'")
      expect(Number(rows[0]?.count)).toBeGreaterThanOrEqual(25)
    } finally {
      await client.end()
    }
  })
})
