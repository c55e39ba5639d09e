import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface PublisherJob {
  url: string
  username: string
  password: string
  drivers: number
  prefix: string
  connections: number
  mode: 'burst' | 'steady'
  rounds?: number
  rate?: number
  durationMs?: number
}

/** Runs bench/publisher.ts in a child process; `ready` resolves once it is connected. */
export function startPublisher(job: PublisherJob) {
  const script = fileURLToPath(new URL('./publisher.ts', import.meta.url))
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify({ rounds: 1, rate: 0, durationMs: 0, ...job })],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout! })
  let onReady: () => void
  const ready = new Promise<void>((resolve) => {
    onReady = resolve
  })
  const done = new Promise<{ published: number; ms: number }>((resolve, reject) => {
    lines.on('line', (line) => {
      const message = JSON.parse(line)
      if (message.ready) onReady()
      else resolve(message)
    })
    child.once('exit', (code) => code !== 0 && reject(new Error(`publisher exited with ${code}`)))
  })
  return { ready, done }
}
