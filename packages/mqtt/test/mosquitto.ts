import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { reservePort } from '@wired/runtime'
import { ACCOUNTS } from './accounts'
import type { BrokerUnderTest } from './broker-contract'

const MOSQUITTO = '/usr/sbin/mosquitto'
const configDir = resolve(import.meta.dirname, '../mosquitto')

/**
 * A private Mosquitto for one test file: config rendered from mosquitto/ into a temp dir, a
 * password file for the contract accounts, a free loopback port. Never the shared broker.
 */
export async function startMosquitto(): Promise<BrokerUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'wired-mosquitto-'))
  const passwordFile = join(dir, 'passwd')
  const aclFile = join(dir, 'acl')
  for (const [username, password] of Object.entries(ACCOUNTS)) {
    const create = username === Object.keys(ACCOUNTS)[0] ? ['-c'] : []
    execFileSync('mosquitto_passwd', [...create, '-b', passwordFile, username, password])
  }
  copyFileSync(join(configDir, 'acl'), aclFile)
  const port = await reservePort()
  const config = readFileSync(join(configDir, 'mosquitto.conf'), 'utf8')
    .replaceAll('{{PORT}}', String(port))
    .replaceAll('{{PASSWORD_FILE}}', passwordFile)
    .replaceAll('{{ACL_FILE}}', aclFile)
  writeFileSync(join(dir, 'mosquitto.conf'), config)
  // Started as root, mosquitto drops to the `mosquitto` user, which must still read these files.
  chmodSync(dir, 0o755)
  for (const file of ['passwd', 'acl', 'mosquitto.conf']) chmodSync(join(dir, file), 0o644)

  const child = spawn(MOSQUITTO, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const stop = async () => {
    await stopChild(child)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitForPort(port, child, () => stderr)
  } catch (error) {
    await stop()
    throw error
  }
  return { url: `mqtt://127.0.0.1:${port}`, stop }
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string) {
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}: ${stderr()}`)
    if (await canConnect(port)) return
    await sleep(50)
  }
  throw new Error(`mosquitto did not listen on ${port} within 5 s: ${stderr()}`)
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
  await exited
  clearTimeout(timer)
}
