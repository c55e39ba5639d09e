import { timingSafeEqual } from 'node:crypto'
import { createMqttBroker, type MqttBroker } from '@wired/mqtt'
import type { Logger } from '@wired/runtime'
import { MAX_DRIVER_PACKET_BYTES } from '../shared/mqtt-topics'
import { uberTopicAcl } from './driver-acl'

export interface EmbeddedBrokerOptions {
  port: number
  backend: { username: string; password: string }
  /** Checks a driver's own credentials (the api's drivers table in embedded mode). */
  verifyDriver(driverId: string, password: string): Promise<boolean>
  logger: Logger
}

/**
 * aedes in this process, with the same rules Mosquitto gets in compose: per-device credentials
 * (username = driver id), the topic ACL of driver-acl.ts and the max packet size.
 */
export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<MqttBroker> {
  const acl = uberTopicAcl(options.backend.username)
  const broker = await createMqttBroker({
    port: options.port,
    logger: options.logger,
    maxPacketSize: MAX_DRIVER_PACKET_BYTES,
    async authenticate(_clientId, username, password) {
      if (!username || password === undefined) return false
      if (username === options.backend.username) return same(password, options.backend.password)
      return options.verifyDriver(username, password)
    },
    authorizePublish: acl.authorizePublish,
    authorizeSubscribe: acl.authorizeSubscribe,
  })
  return broker
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
