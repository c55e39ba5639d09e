import { createConnection } from 'node:net'
import type { Logger } from '@wired/runtime'
import { silentLogger } from '@wired/runtime'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectMqtt, createMqttBroker, type MqttBroker, type MqttClientInfo, waitForMessage } from '../src'

// Behaviour specific to the aedes factory (the shared behaviour is in the broker contract).
describe('createMqttBroker (aedes)', () => {
  const stops: Array<() => Promise<unknown>> = []
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop()
  })
  const start = async (options: Parameters<typeof createMqttBroker>[0]) => {
    const broker = await createMqttBroker(options)
    stops.push(broker.stop)
    return broker
  }
  const connect = async (url: string, options = {}) => {
    const client = await connectMqtt(url, { reconnectPeriod: 0, ...options })
    stops.push(() => client.endAsync(true))
    return client
  }

  it('hands the principal returned by authenticate to the authorizers', async () => {
    const seen: MqttClientInfo[] = []
    const broker = await start({
      port: 0,
      authenticate: (_clientId, username) => ({ role: username === 'ops' ? 'operator' : 'device' }),
      authorizeSubscribe: (client, filter) => {
        seen.push(client)
        return filter === 'fleet/#' && (client.principal as { role: string }).role === 'operator'
      },
    })
    const ops = await connect(broker.url, { clientId: 'c1', username: 'ops', password: 'x' })
    const device = await connect(broker.url, { clientId: 'c2', username: 'truck', password: 'x' })
    expect(await ops.subscribeAsync('fleet/#', { qos: 1 })).toEqual([{ topic: 'fleet/#', qos: 1 }])
    // A denied filter gets SUBACK return code 0x80 (128), which mqtt.js reports as an error;
    // the client stays connected.
    await expect(device.subscribeAsync('fleet/#', { qos: 1 })).rejects.toMatchObject({ packet: { granted: [128] } })
    expect(device.connected).toBe(true)
    expect(seen.map((client) => client.principal)).toEqual([{ role: 'operator' }, { role: 'device' }])
  })

  it('answers "server unavailable" (not "bad password") when the credential check itself fails', async () => {
    const error = vi.fn()
    const logger = { ...silentLogger, error } as unknown as Logger
    const broker = await start({ port: 0, logger, authenticate: () => Promise.reject(new Error('db down')) })
    await expect(connect(broker.url, { username: 'u', password: 'p' })).rejects.toMatchObject({ code: 'UNAVAILABLE' })
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ err: new Error('db down') }),
      'mqtt authenticate failed',
    )
  })

  it('serves MQTT over WebSocket for browsers, on the same broker as TCP', async () => {
    const broker = await start({ port: 0, wsPort: 0 })
    expect(broker.wsUrl).toBe(`ws://127.0.0.1:${broker.wsPort}`)
    const browser = await connect(broker.wsUrl!)
    await browser.subscribeAsync('rides/r1/#', { qos: 1 })
    const offer = waitForMessage(browser, 'rides/r1/#')
    const service = await connect(broker.url)
    await service.publishAsync('rides/r1/offer', 'driver d7, 3 min', { qos: 1 })
    expect((await offer).payload.toString()).toBe('driver d7, 3 min')
  })

  it('fails with a clear error when the port is taken, and frees its ports on stop', async () => {
    const first = await start({ port: 0 })
    await expect(createMqttBroker({ port: first.port })).rejects.toThrow(
      /cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/,
    )
    await stops.pop()!()
    await expect(canConnect(first)).resolves.toBe(false)
  })
})

function canConnect(broker: MqttBroker): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: broker.port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
