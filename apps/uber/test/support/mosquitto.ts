import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, waitFor } from '@wired/testkit'
import mqtt from 'mqtt'
import { type MosquittoAccount, writeMosquittoConfig } from '../../src/broker/mosquitto-config'

const MOSQUITTO = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto'

/**
 * Debian's Mosquitto on a free port with the scenario's password file and ACL. Drivers created
 * during a test are added with `addAccount`: the password file is rewritten and SIGHUP makes
 * Mosquitto reload it without dropping anyone.
 */
export async function startMosquitto(backend: MosquittoAccount) {
  const dir = mkdtempSync(join(tmpdir(), 'uber-mosquitto-'))
  const port = await freePort()
  const drivers: MosquittoAccount[] = []
  // Mosquitto started as root switches to the `mosquitto` user, which could not re-read a
  // root-owned password file on reload; a throwaway test broker may stay root.
  const extraLines = process.getuid?.() === 0 ? ['user root'] : []
  const configure = () => writeMosquittoConfig({ dir, port, backend, drivers, extraLines })
  const child: ChildProcess = spawn(MOSQUITTO, ['-c', configure()], { stdio: ['ignore', 'ignore', 'pipe'] })
  const errors: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()))
  const url = `mqtt://127.0.0.1:${port}`
  await waitFor(() => canConnect(url, backend), { timeoutMs: 10_000, what: `mosquitto on ${url} (${errors.join('')})` })

  return {
    url,
    async addAccount(account: MosquittoAccount): Promise<void> {
      drivers.push(account)
      configure()
      child.kill('SIGHUP')
      await waitFor(() => canConnect(url, account), {
        timeoutMs: 5_000,
        what: `mosquitto to accept ${account.username}`,
      })
    },
    async stop(): Promise<void> {
      child.kill('SIGTERM')
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function canConnect(url: string, account: MosquittoAccount): Promise<boolean> {
  try {
    const client = await mqtt.connectAsync(url, {
      username: account.username,
      password: account.password,
      reconnectPeriod: 0,
      connectTimeout: 1_000,
    })
    await client.endAsync()
    return true
  } catch {
    return false
  }
}
