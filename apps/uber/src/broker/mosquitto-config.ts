import { pbkdf2Sync, randomBytes } from 'node:crypto'
import { chownSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_DRIVER_PACKET_BYTES } from '../shared/mqtt-topics'
import { MOSQUITTO_ACL } from './driver-acl'

export interface MosquittoAccount {
  username: string
  password: string
}

export interface MosquittoSetup {
  dir: string
  port: number
  /** Listen address. Default 127.0.0.1; 0.0.0.0 in a container. */
  host?: string
  backend: MosquittoAccount
  drivers: MosquittoAccount[]
}

/**
 * Writes mosquitto.conf, a password file and the ACL for the Uber scenario into `dir`, and
 * returns the path of the config. Mosquitto has no "look the driver up in PostgreSQL" hook
 * without a plugin, so drivers it should accept are listed up front (compose: the simulator's
 * drivers; tests: the drivers they create).
 */
export function writeMosquittoConfig(setup: MosquittoSetup): string {
  const accounts = [setup.backend, ...setup.drivers]
  writeFileSync(
    join(setup.dir, 'passwd'),
    accounts.map((account) => `${account.username}:${mosquittoHash(account.password)}\n`).join(''),
    {
      mode: 0o600,
    },
  )
  writeFileSync(join(setup.dir, 'acl'), MOSQUITTO_ACL(setup.backend.username))
  const config = join(setup.dir, 'mosquitto.conf')
  writeFileSync(
    config,
    [
      `listener ${setup.port} ${setup.host ?? '127.0.0.1'}`,
      'allow_anonymous false',
      `password_file ${join(setup.dir, 'passwd')}`,
      `acl_file ${join(setup.dir, 'acl')}`,
      // Sessions (clean=false) and their queued QoS 1 messages live in memory: they survive a
      // client's disconnect, not a broker restart. Enough for "the pipeline was briefly down".
      'persistence false',
      'max_queued_messages 100000',
      // A client sending a bigger packet is disconnected before the broker buffers it (a fix is
      // ~150 bytes); the location service refuses a payload over 4 KiB itself as well.
      `max_packet_size ${MAX_DRIVER_PACKET_BYTES}`,
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  )
  handToMosquittoUser([setup.dir, join(setup.dir, 'passwd'), join(setup.dir, 'acl'), config])
  return config
}

/**
 * Mosquitto started as root drops to its own `mosquitto` user before it reads the password file
 * and the ACL, which root wrote with mode 0600: "Unable to open pwfile". So root hands the
 * folder and its files to that user. Where there is no such user (a container that only writes
 * the config for another), the broker's side does it (docker-compose.yml's uber-mosquitto).
 */
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
