import { pbkdf2Sync, randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
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
  /** Appended to mosquitto.conf as they are. */
  extraLines?: string[]
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
      'log_type error',
      'log_type warning',
      ...(setup.extraLines ?? []),
      '',
    ].join('\n'),
  )
  return config
}

/** Mosquitto 2's `$7$` format: PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt, 64-byte hash. */
export function mosquittoHash(password: string): string {
  const salt = randomBytes(12)
  const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512')
  return `$7$101$${salt.toString('base64')}$${hash.toString('base64')}`
}
