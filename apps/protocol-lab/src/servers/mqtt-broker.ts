import net from 'node:net'
import { Aedes } from 'aedes'
import type { LabServer } from './lab-server'

/**
 * An aedes MQTT broker in its own process, with default (in-memory) persistence and no auth:
 * the lab times the broker's routing, not its security. Publisher and subscriber are both
 * ordinary MQTT clients in other processes, as they would be with Mosquitto.
 */
export async function startMqttBroker(): Promise<LabServer> {
  const broker = await Aedes.createBroker()
  const server = net.createServer(broker.handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close()
        broker.close(() => resolve())
      }),
  }
}
