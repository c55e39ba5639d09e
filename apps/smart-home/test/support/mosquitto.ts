import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findMosquitto, reservePort, waitFor } from '@wired/testkit'
import mqtt from 'mqtt'
import { writeMosquittoConfig } from '../../src/broker/mosquitto-config'

/**
 * Debian's Mosquitto of this test run alone, with the scenario's password file, ACL and disk
 * persistence. Unlike testkit's startPrivateMosquitto it can be restarted on the same port and
 * folder, which is what the durability test does to it; devices a test makes up are added with
 * addDevices (the password file is rewritten and SIGHUP reloads it without dropping anyone).
 */
export async function startSmartHomeMosquitto(
  backend: { username: string; password: string },
  provisioningSecret: string,
) {
  const binary = findMosquitto()
  if (!binary) throw new Error('mosquitto is not installed (apt-get install mosquitto)')
  const port = await reservePort()
  const dir = mkdtempSync(join(tmpdir(), 'wired-smart-home-mosquitto-'))
  const persistenceDir = join(dir, 'data')
  mkdirSync(persistenceDir)
  const devices: string[] = []
  const write = () => writeMosquittoConfig({ dir, port, backend, provisioningSecret, devices, persistenceDir })
  const config = write()
  const url = `mqtt://127.0.0.1:${port}`

  let child: ChildProcess
  let stderr = ''
  const spawnBroker = async () => {
    child = spawn(binary, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] })
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    await waitFor(() => canConnect(url, backend), { timeoutMs: 10_000, what: `mosquitto on ${url} (${stderr.trim()})` })
  }
  const stopBroker = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    // SIGTERM: Mosquitto writes its persistence file (retained, sessions, queues) before exiting.
    child.kill('SIGTERM')
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(kill)
  }
  await spawnBroker()

  return {
    url,
    async addDevices(ids: string[]): Promise<void> {
      devices.push(...ids)
      write()
      child.kill('SIGHUP')
      const { devicePassword } = await import('../../src/shared/devices')
      const last = ids.at(-1)
      if (last)
        await waitFor(
          () => canConnect(url, { username: last, password: devicePassword(provisioningSecret, last) }, last),
          {
            timeoutMs: 5_000,
            what: `mosquitto to accept ${last}`,
          },
        )
    },
    async restart(): Promise<void> {
      await stopBroker()
      await spawnBroker()
    },
    async stop(): Promise<void> {
      await stopBroker()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function canConnect(url: string, account: { username: string; password: string }, clientId?: string) {
  try {
    const client = await mqtt.connectAsync(url, {
      ...account,
      // A probe must not take over (or leave behind) the session of the device it logs in as.
      clientId: clientId ?? `probe-${Math.random().toString(36).slice(2)}`,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: 1_000,
    })
    await client.endAsync()
    return true
  } catch {
    return false
  }
}
