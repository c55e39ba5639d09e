import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { READY_MESSAGE } from './run-service'
import type { ServiceControl } from './scenario'

export interface ProcessSpec {
  /** `src/<dir>/main.ts`, relative to the app's folder. */
  entry: string
  env: Record<string, string>
  /** Extra node flags, e.g. ['--cpu-prof'] to profile one service under load. */
  nodeArgs?: string[]
}

/**
 * Each service as its own OS process, exactly as compose runs them: `node --import tsx
 * src/<service>/main.ts` with env only. Node itself is the child (no wrapper process), so
 * kill('SIGKILL') really is a kill -9 of the service. A service counts as started once it
 * printed its readiness line (its listeners are bound).
 */
export class ServiceProcesses implements ServiceControl {
  private readonly running = new Map<string, ChildProcess>()
  private readonly output = new Map<string, string[]>()

  constructor(
    private readonly appDir: string,
    private readonly specs: Record<string, ProcessSpec>,
  ) {}

  get names(): string[] {
    return Object.keys(this.specs)
  }

  /** Starts them all at once: gRPC channels connect lazily, so start order does not matter here. */
  async startAll(): Promise<void> {
    await Promise.all(this.names.map((name) => this.start(name)))
  }

  async start(name: string, timeoutMs = 60_000): Promise<void> {
    const spec = this.specs[name]
    if (!spec) throw new Error(`no service process '${name}' (known: ${this.names.join(', ')})`)
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), '--import', 'tsx', spec.entry], {
      cwd: this.appDir,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.running.set(name, child)
    const lines: string[] = []
    this.output.set(name, lines)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${lines.join('')}`)),
        timeoutMs,
      )
      const onData = (chunk: Buffer) => {
        const text = chunk.toString()
        lines.push(text)
        if (lines.length > 300) lines.shift()
        if (text.includes(`"msg":"${READY_MESSAGE}"`)) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${lines.join('')}`))
      })
    })
  }

  /** Default kill -9: no signal handler runs, no connection is closed politely, nothing is flushed. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.running.get(name)
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    child.kill(signal)
    await exited
  }

  /** SIGTERM to every service (a graceful stop), SIGKILL to any still running 10 s later. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.running.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return
        const exited = once(child, 'exit')
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }),
    )
  }

  pidOf(name: string): number | undefined {
    return this.running.get(name)?.pid
  }

  logs(name: string): string {
    return (this.output.get(name) ?? []).join('')
  }
}

export const entryOf = (dir: string): string => join('src', dir, 'main.ts')
