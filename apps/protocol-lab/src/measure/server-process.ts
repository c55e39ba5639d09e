import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerKind } from '../servers'
import type { ControlReply, ServerOptions } from '../servers/lab-server'
import { clockEnv } from './clock'

/**
 * Starts a lab server in a separate Node process (through tsx, from TypeScript source) and
 * talks to it over IPC. Separate processes matter: client and server get their own event loop
 * and garbage collector, as on two machines, and every byte between them crosses a real socket.
 */
const labRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const serverMain = resolve(labRoot, 'src/servers/main.ts')
const READY_TIMEOUT_MS = 30_000

export interface ServerProcess {
  kind: ServerKind
  port: number
  command<T>(command: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<T>
  push(params: { count: number; intervalMs: number; qos?: 0 | 1 | 2 }): Promise<{ firstSeq: number; lastSeq: number }>
  stop(): Promise<void>
}

export async function startServerProcess(kind: ServerKind, options: ServerOptions = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain, kind, JSON.stringify(options)], {
    cwd: labRoot,
    env: { ...process.env, ...clockEnv() },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await waitForReady(child, kind)
  let nextId = 0
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  child.on('message', (message: ControlReply) => {
    if (message.type !== 'reply') return
    const waiter = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) waiter?.reject(new Error(`${kind} server: ${message.error}`))
    else waiter?.resolve(message.result)
  })
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${kind} server exited with code ${code}`))
    pending.clear()
  })
  const command = <T>(name: string, params: Record<string, unknown> = {}, timeoutMs = 120_000) =>
    new Promise<T>((resolveReply, reject) => {
      const id = nextId++
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`${kind} server: '${name}' got no reply in ${timeoutMs} ms`))
      }, timeoutMs)
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolveReply(value as T)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      child.send({ id, command: name, params })
    })
  return {
    kind,
    port,
    command,
    push: (params) => command('push', { qos: 0, ...params }),
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((done) => child.once('exit', () => done()))
      await command('stop', {}, 10_000).catch(() => child.kill('SIGKILL'))
      await exited
    },
  }
}

function waitForReady(child: ChildProcess, kind: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${kind} server did not start within ${READY_TIMEOUT_MS} ms`))
    }, READY_TIMEOUT_MS)
    child.on('message', (message: ControlReply) => {
      if (message.type !== 'ready') return
      clearTimeout(timer)
      resolvePort(message.port)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${kind} server exited with code ${code} before it was ready`))
    })
  })
}
