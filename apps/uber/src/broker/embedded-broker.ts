import { timingSafeEqual } from 'node:crypto'
import { createMqttBroker, type MqttBroker } from '@wired/mqtt'
import type { Logger } from '@wired/runtime'
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
 * (username = driver id) and the topic ACL of driver-acl.ts.
 */
export function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<MqttBroker> {
  const acl = uberTopicAcl(options.backend.username)
  return createMqttBroker({
    port: options.port,
    logger: options.logger,
    async authenticate(_clientId, username, password) {
      if (!username || password === undefined) return false
      if (username === options.backend.username) return same(password, options.backend.password)
      return options.verifyDriver(username, password)
    },
    authorizePublish: acl.authorizePublish,
    authorizeSubscribe: acl.authorizeSubscribe,
  })
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
