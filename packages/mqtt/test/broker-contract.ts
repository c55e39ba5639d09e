import { AppError } from '@wired/runtime'
import mqtt, { type IClientOptions, type IConnackPacket, type MqttClient } from 'mqtt'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectMqtt, waitForMessage } from '../src'
import { ACCOUNTS, type Account } from './accounts'

export interface BrokerUnderTest {
  url: string
  stop(): Promise<void>
}

/**
 * Behaviour every broker in the project must show, driven over the wire with mqtt.js, so the
 * same suite runs against aedes (embedded mode) and Mosquitto (real infra).
 */
export function describeBrokerContract(name: string, makeBroker: () => Promise<BrokerUnderTest>) {
  describe(`MQTT broker contract: ${name}`, () => {
    let broker: BrokerUnderTest
    const clients: MqttClient[] = []
    beforeAll(async () => {
      broker = await makeBroker()
    })
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.endAsync(true)))
    })
    afterAll(() => broker?.stop())

    const credentials = (account: Account) => ({ clientId: account, username: account, password: ACCOUNTS[account] })
    const connectAs = async (account: Account, options: IClientOptions = {}) => {
      const client = await connectMqtt(broker.url, { ...credentials(account), reconnectPeriod: 0, ...options })
      clients.push(client)
      return client
    }
    const collect = (client: MqttClient) => {
      const seen: string[] = []
      client.on('message', (topic, payload) => seen.push(`${topic} ${payload}`))
      return seen
    }

    it('refuses wrong passwords, unknown users and anonymous clients with UNAUTHENTICATED', async () => {
      for (const options of [
        { clientId: 'driver-1', username: 'driver-1', password: 'wrong' },
        { clientId: 'mallory', username: 'mallory', password: 'secret-1' },
        { clientId: 'anonymous' },
      ]) {
        const refused = await connectMqtt(broker.url, { ...options, reconnectPeriod: 0 }).catch((error) => error)
        expect(refused).toBeInstanceOf(AppError)
        expect(refused.code).toBe('UNAUTHENTICATED')
      }
    })

    it("never delivers a device's publish on another device's topic", async () => {
      const dispatch = await connectAs('dispatch')
      await dispatch.subscribeAsync('drivers/+/location', { qos: 1 })
      const seen = collect(dispatch)
      const driver2 = await connectAs('driver-2')
      // Listen before publishing: the broker may deliver before it acknowledges the publisher.
      const own = waitForMessage(dispatch, 'drivers/driver-2/location')
      await driver2.publishAsync('drivers/driver-2/location', '52.52,13.40', { qos: 1 })
      await own

      await publishSettled(driver2, 'drivers/driver-1/location', 'spoofed')
      // The spoof was settled before driver-1 even connects, so had the broker let it through,
      // dispatch would see it before the genuine message.
      const driver1 = await connectAs('driver-1')
      const genuine = waitForMessage(dispatch, 'drivers/driver-1/location')
      await driver1.publishAsync('drivers/driver-1/location', 'genuine', { qos: 1 })
      await genuine
      expect(seen).toEqual(['drivers/driver-2/location 52.52,13.40', 'drivers/driver-1/location genuine'])
    })

    it("does not let a device borrow another device's client id to reach its topic", async () => {
      const dispatch = await connectAs('dispatch')
      await dispatch.subscribeAsync('drivers/+/location', { qos: 1 })
      const seen = collect(dispatch)
      const impostor = await connectMqtt(broker.url, {
        ...credentials('driver-2'),
        clientId: 'driver-1',
        reconnectPeriod: 0,
      }).catch((error: AppError) => error)
      if (impostor instanceof AppError) {
        expect(impostor.code).toBe('UNAUTHENTICATED') // the broker binds the id to the password
      } else {
        clients.push(impostor) // the broker replaced the id with the username
        await publishSettled(impostor, 'drivers/driver-1/location', 'spoofed')
      }
      const driver1 = await connectAs('driver-1')
      const genuine = waitForMessage(dispatch, 'drivers/driver-1/location')
      await driver1.publishAsync('drivers/driver-1/location', 'genuine', { qos: 1 })
      await genuine
      expect(seen).toEqual(['drivers/driver-1/location genuine'])
    })

    it('queues a QoS 1 message for a persistent session that was offline when it was published', async () => {
      const dispatch = await connectAs('dispatch', { clean: false })
      await dispatch.subscribeAsync('drivers/+/trips', { qos: 1 })
      await dispatch.endAsync()

      const driver = await connectAs('driver-1')
      await driver.publishAsync('drivers/driver-1/trips', 'trip-42', { qos: 1 })

      // Queued messages arrive right behind CONNACK, so the listener must exist before connecting.
      const back = mqtt.connect(broker.url, { ...credentials('dispatch'), clean: false, reconnectPeriod: 0 })
      clients.push(back)
      const queued = waitForMessage(back, 'drivers/driver-1/trips')
      const connack = await new Promise<IConnackPacket>((resolve) => back.once('connect', resolve))
      expect(connack.sessionPresent).toBe(true)
      const message = await queued
      expect(message.payload.toString()).toBe('trip-42')
      expect(message.packet.qos).toBe(1)
    })

    it('hands the retained state to a subscriber that arrives later', async () => {
      const driver = await connectAs('driver-1')
      await driver.publishAsync('drivers/driver-1/state', 'available', { qos: 1, retain: true })
      const dispatch = await connectAs('dispatch')
      const retained = waitForMessage(dispatch, 'drivers/driver-1/state')
      await dispatch.subscribeAsync('drivers/+/state', { qos: 1 })
      const message = await retained
      expect(message.payload.toString()).toBe('available')
      expect(message.packet.retain).toBe(true)
      await driver.publishAsync('drivers/driver-1/state', '', { qos: 1, retain: true }) // empty payload clears it
    })

    it('publishes the last will when a connection drops, not when a client says goodbye', async () => {
      const dispatch = await connectAs('dispatch')
      await dispatch.subscribeAsync('drivers/+/status', { qos: 1 })
      const seen = collect(dispatch)
      const will = (id: Account) => ({
        topic: `drivers/${id}/status`,
        payload: Buffer.from('offline'),
        qos: 1 as const,
      })

      const polite = await connectAs('driver-2', { will: will('driver-2') })
      await polite.endAsync() // sends DISCONNECT: the will is discarded
      const dropped = await connectAs('driver-1', { will: will('driver-1') })
      const lastWill = waitForMessage(dispatch, 'drivers/driver-1/status')
      dropped.stream.destroy() // no DISCONNECT: to the broker this is a lost device
      await lastWill
      expect(seen).toEqual(['drivers/driver-1/status offline'])
    })

    it('matches one level with + and any depth with #', async () => {
      const monitor = await connectAs('monitor')
      await monitor.subscribeAsync('home/+/temperature', { qos: 1 })
      const dispatch = await connectAs('dispatch')
      await dispatch.subscribeAsync('home/#', { qos: 1 })
      const [single, multi] = [collect(monitor), collect(dispatch)]
      const sensor = await connectAs('driver-2')
      const topics = ['home/kitchen/temperature', 'home/kitchen/humidity', 'home/garage/door/temperature', 'home']
      const last = Promise.all([waitForMessage(monitor, 'home/last/#'), waitForMessage(dispatch, 'home/last/#')])
      for (const topic of [...topics, 'home/last/temperature']) await sensor.publishAsync(topic, 't', { qos: 1 })
      await last
      expect(single).toEqual(['home/kitchen/temperature t', 'home/last/temperature t'])
      expect(multi).toEqual([...topics, 'home/last/temperature'].map((topic) => `${topic} t`))
    })
  })
}

/** Resolves once the broker settled a QoS 1 publish: PUBACK, or the connection closed on us. */
function publishSettled(client: MqttClient, topic: string, payload: string): Promise<void> {
  return new Promise((resolve) => {
    client.once('close', () => resolve())
    client.publish(topic, payload, { qos: 1 }, () => resolve())
  })
}
