import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const appDir = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Services as OS processes, exactly as compose runs them: `node --import tsx
 * src/<service>/main.ts` with env only. Node itself is the child, so kill('SIGKILL') is a crash.
 */
export class ServiceProcesses {
  private readonly running = new Map<string, ChildProcess>()
  private readonly output = new Map<string, string[]>()

  constructor(private readonly env: Record<string, Record<string, string>>) {}

  async startAll(): Promise<void> {
    await Promise.all(Object.keys(this.env).map((name) => this.start(name)))
  }

  /** Resolves once the service logged "service started" (its listeners are bound). */
  start(name: string, timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/${name}/main.ts`], {
      cwd: appDir,
      env: { ...process.env, ...this.env[name] },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.running.set(name, child)
    const lines: string[] = []
    this.output.set(name, lines)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${lines.join('')}`)), timeoutMs)
      const onData = (chunk: Buffer) => {
        lines.push(chunk.toString())
        if (lines.length > 300) lines.shift()
        if (chunk.toString().includes('"msg":"service started"')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited with ${code}:\n${lines.join('')}`))
      })
    })
  }

  async kill(name: string, signal: NodeJS.Signals): Promise<void> {
    const child = this.running.get(name)
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
    this.running.delete(name)
  }

  logs(name: string): string {
    return (this.output.get(name) ?? []).join('')
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.kill(name, 'SIGTERM')))
  }
}
