import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '@wired/testkit'
import { sleep } from './clock'

/**
 * A private Mosquitto for the lab: its own config, a free port on 127.0.0.1, no persistence,
 * started and stopped by the lab (never the shared one other tools may be using).
 */
export const MOSQUITTO_PATHS = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/opt/homebrew/sbin/mosquitto']

export function findMosquitto(): string | undefined {
  return MOSQUITTO_PATHS.find((path) => existsSync(path))
}

export interface Mosquitto {
  port: number
  stop(): Promise<void>
}

export async function startMosquitto(binary: string): Promise<Mosquitto> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'wired-lab-mosquitto-'))
  const config = join(dir, 'mosquitto.conf')
  writeFileSync(
    config,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest none', ''].join('\n'),
  )
  const child: ChildProcess = spawn(binary, ['-c', config], { stdio: ['ignore', 'ignore', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (let attempt = 0; ; attempt++) {
    if (await accepts(port)) break
    if (child.exitCode !== null || attempt > 100) {
      child.kill('SIGKILL')
      throw new Error(`mosquitto did not start on port ${port}`)
    }
    await sleep(50)
  }
  return {
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
