import { timingSafeEqual } from 'node:crypto'
import { createMqttBroker, type MqttBroker } from '@wired/mqtt'
import type { Logger } from '@wired/runtime'
import memoryPersistence from 'aedes-persistence'
import { devicePassword, parseDeviceId } from '../shared/devices'
import { MAX_PACKET_BYTES } from '../shared/home-topics'
import { smartHomeAcl } from './device-acl'

export interface SmartHomeBrokerOptions {
  port: number
  backend: { username: string; password: string }
  /** Devices' passwords are derived from it (shared/devices.ts devicePassword). */
  provisioningSecret: string
  logger: Logger
}

export interface SmartHomeBroker {
  readonly url: string
  readonly port: number
  /** Stops the broker and starts it again on the same port, with the same persistence. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/**
 * aedes in this process with Mosquitto's rules: per-device credentials, the topic ACL of
 * device-acl.ts, a max packet size, and a persistence (aedes-persistence) that outlives a broker
 * restart: retained state, persistent sessions and the QoS 1/2 messages queued for them are
 * still there when the broker comes back. It lives in this process's memory, so it survives the
 * broker, not the process (Mosquitto's `persistence true` writes it to disk).
 */
export async function startSmartHomeBroker(options: SmartHomeBrokerOptions): Promise<SmartHomeBroker> {
  const persistence = memoryPersistence()
  const acl = smartHomeAcl(options.backend.username)
  const start = (port: number) =>
    createMqttBroker({
      port,
      logger: options.logger,
      persistence,
      maxPacketSize: MAX_PACKET_BYTES,
      authenticate(clientId, username, password) {
        if (!username || password === undefined) return false
        if (username === options.backend.username) return same(password, options.backend.password)
        // A device's client id is its username: otherwise a device could log in as itself and
        // take over another device's persistent session (and its queued commands) by client id.
        if (!parseDeviceId(username) || clientId !== username) return false
        return same(password, devicePassword(options.provisioningSecret, username))
      },
      authorizePublish: acl.authorizePublish,
      authorizeSubscribe: acl.authorizeSubscribe,
    })
  let current: MqttBroker = await start(options.port)
  return {
    get url() {
      return current.url
    },
    get port() {
      return current.port
    },
    async restart() {
      await current.stop()
      current = await start(current.port)
    },
    stop: () => current.stop(),
  }
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
