import { pbkdf2Sync, randomBytes } from 'node:crypto'
import { chownSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { devicePassword } from '../shared/devices'
import { MAX_PACKET_BYTES } from '../shared/home-topics'
import { MOSQUITTO_ACL } from './device-acl'

export interface MosquittoSetup {
  dir: string
  port: number
  /** Listen address. Default 127.0.0.1; 0.0.0.0 in a container. */
  host?: string
  backend: { username: string; password: string }
  provisioningSecret: string
  /** Device ids Mosquitto should accept (it cannot derive passwords; they are listed up front). */
  devices: string[]
  /** Where Mosquitto keeps retained messages and sessions across a restart. */
  persistenceDir: string
}

/**
 * Writes mosquitto.conf, a password file (backend + every device, hashed as mosquitto_passwd does)
 * and the ACL into `dir`; returns the config's path.
 */
export function writeMosquittoConfig(setup: MosquittoSetup): string {
  const accounts = [
    `${setup.backend.username}:${mosquittoHash(setup.backend.password)}`,
    ...setup.devices.map((id) => `${id}:${mosquittoHash(devicePassword(setup.provisioningSecret, id))}`),
  ]
  const passwd = join(setup.dir, 'passwd')
  const acl = join(setup.dir, 'acl')
  writeFileSync(passwd, `${accounts.join('\n')}\n`, { mode: 0o600 })
  writeFileSync(acl, MOSQUITTO_ACL(setup.backend.username))
  const config = join(setup.dir, 'mosquitto.conf')
  writeFileSync(
    config,
    [
      `listener ${setup.port} ${setup.host ?? '127.0.0.1'}`,
      'allow_anonymous false',
      `password_file ${passwd}`,
      `acl_file ${acl}`,
      // Retained state, persistent sessions and their queued QoS 1/2 messages are written to
      // disk on shutdown (and every autosave_interval), so a restarted broker still has them.
      'persistence true',
      `persistence_location ${setup.persistenceDir}/`,
      'autosave_interval 10',
      // A sleeping device's queue: commands wait here until it wakes.
      'max_queued_messages 100000',
      'max_inflight_messages 100',
      `max_packet_size ${MAX_PACKET_BYTES}`,
      // Offline detection: Mosquitto fires the last will 1.5 × keepalive after the last packet.
      'max_keepalive 300',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  )
  handToMosquittoUser([setup.dir, setup.persistenceDir, passwd, acl, config])
  return config
}

/** Mosquitto started as root drops to its `mosquitto` user before reading these (mode 0600) files. */
function handToMosquittoUser(paths: string[]): void {
  if (process.getuid?.() !== 0) return
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('mosquitto:'))
  if (!entry) return
  const [, , uid, gid] = entry.split(':')
  for (const path of paths) chownSync(path, Number(uid), Number(gid))
}

/** Mosquitto 2's `$7$` format: PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt, 64-byte hash. */
export function mosquittoHash(password: string): string {
  const salt = randomBytes(12)
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512')
  return `$7$101$${salt.toString('base64')}$${hash.toString('base64')}`
}
