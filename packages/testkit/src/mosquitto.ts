import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { reservePort } from '@wired/runtime'
import { sleep } from './wait'

const MOSQUITTO_PATHS = ['/usr/sbin/mosquitto', '/usr/local/sbin/mosquitto', '/opt/homebrew/sbin/mosquitto']

/** Where Mosquitto is installed (MOSQUITTO_BIN first), or undefined when it is not. */
export function findMosquitto(): string | undefined {
  const candidates = process.env.MOSQUITTO_BIN ? [process.env.MOSQUITTO_BIN] : MOSQUITTO_PATHS
  return candidates.find((path) => existsSync(path))
}

export interface PrivateMosquitto {
  port: number
  url: string
  /** The scratch directory holding the config; removed by stop(). */
  dir: string
  /**
   * Rewrites the config (same port and directory) and sends SIGHUP. Returns at once: Mosquitto
   * re-reads it a moment later, so poll for the effect you expect.
   */
  reload(): void
  stop(): Promise<void>
}

/**
 * A Mosquitto of one's own, never the shared broker: `writeConfig` writes a config for a
 * reserved loopback port into a fresh scratch directory and returns the config file's path.
 * Resolves once the port accepts connections; fails with Mosquitto's stderr if it exits first.
 */
export async function startPrivateMosquitto(
  writeConfig: (where: { port: number; dir: string }) => string,
  options: { binary?: string; timeoutMs?: number } = {},
): Promise<PrivateMosquitto> {
  const binary = options.binary ?? findMosquitto()
  if (!binary) throw new Error('mosquitto is not installed (apt-get install mosquitto)')
  const port = await reservePort()
  const dir = mkdtempSync(join(tmpdir(), 'wired-mosquitto-'))
  let configPath: string
  try {
    configPath = writeConfig({ port, dir })
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const child: ChildProcess = spawn(binary, ['-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  let spawnError: Error | undefined
  child.once('error', (error) => {
    spawnError = error
  })
  // 'close', not 'exit': by then stderr has been read to the end, so a failure can quote it.
  let closed = false
  const done = new Promise<void>((resolve) =>
    child.once('close', () => {
      closed = true
      resolve()
    }),
  )
  const stop = async () => {
    if (!closed && !spawnError) {
      child.kill('SIGTERM')
      const kill = setTimeout(() => child.kill('SIGKILL'), 3_000)
      await done
      clearTimeout(kill)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + (options.timeoutMs ?? 10_000)
  while (!(await accepts(port))) {
    const failure = spawnError
      ? `could not start (${spawnError.message})`
      : closed
        ? `exited with ${child.exitCode ?? child.signalCode}`
        : Date.now() > deadline
          ? 'did not listen in time'
          : ''
    if (failure) {
      await stop()
      throw new Error(`mosquitto on port ${port} ${failure}: ${stderr.trim()}`)
    }
    await sleep(50)
  }
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    reload() {
      writeConfig({ port, dir })
      child.kill('SIGHUP')
    },
    stop,
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
