import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const appDir = fileURLToPath(new URL('../..', import.meta.url))

export type ServiceName =
  | 'users'
  | 'message'
  | 'notification'
  | 'delivery'
  | 'analytics'
  | 'audit'
  | 'api'
  | 'gateway-a'
  | 'gateway-b'

interface ServiceSpec {
  entry: string
  env: Record<string, string>
  /** Extra node flags, e.g. ['--cpu-prof'] to profile one service under load. */
  nodeArgs?: string[]
}

/**
 * Each service as its own OS process, exactly as compose runs them: `node --import tsx
 * src/<service>/main.ts` with its env. Node itself is the child (no tsx wrapper process), so
 * kill('SIGKILL') really is a kill -9 of the service.
 */
export class ServiceProcesses {
  private readonly running = new Map<ServiceName, ChildProcess>()
  private readonly output = new Map<ServiceName, string[]>()

  constructor(private readonly specs: Record<ServiceName, ServiceSpec>) {}

  async startAll(): Promise<void> {
    await Promise.all((Object.keys(this.specs) as ServiceName[]).map((name) => this.start(name)))
  }

  /** Spawns the service and resolves once it logged "service started" (its ports are bound). */
  async start(name: ServiceName, timeoutMs = 60_000): Promise<void> {
    const spec = this.specs[name]
    const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), '--import', 'tsx', spec.entry], {
      cwd: appDir,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.running.set(name, child)
    const lines: string[] = []
    this.output.set(name, lines)
    const started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${lines.join('')}`)),
        timeoutMs,
      )
      const onData = (chunk: Buffer) => {
        lines.push(chunk.toString())
        if (lines.length > 200) lines.shift()
        if (chunk.toString().includes('"msg":"service started"')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited (${code ?? signal}) before starting:\n${lines.join('')}`))
      })
    })
    await started
  }

  /** kill -9: no signal handler runs, no connection is closed politely, nothing is flushed. */
  async kill(name: ServiceName): Promise<void> {
    const child = this.running.get(name)
    if (!child || child.exitCode !== null) return
    const exited = once(child, 'exit')
    child.kill('SIGKILL')
    await exited
  }

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

  pidOf(name: ServiceName): number | undefined {
    return this.running.get(name)?.pid
  }

  logsOf(name: ServiceName): string {
    return (this.output.get(name) ?? []).join('')
  }
}
