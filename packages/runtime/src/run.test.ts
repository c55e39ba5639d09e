import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const fixture = fileURLToPath(new URL('../test/run-fixture.ts', import.meta.url))

async function startFixture(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve) =>
    child.stdout!.on('data', (chunk) => String(chunk).includes('ready') && resolve()),
  )
  return child
}

const exitCode = async (child: ChildProcess) => (await once(child, 'exit'))[0] as number

describe('run()', () => {
  it('treats the same Ctrl-C arriving twice (group + forwarded by a wrapper) as one: a clean stop', async () => {
    const child = await startFixture()
    const exited = exitCode(child)
    child.kill('SIGINT')
    // Far enough apart for the process to handle each (two pending SIGINTs would merge into one).
    await new Promise((resolve) => setTimeout(resolve, 100))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  }, 20_000)

  it('exits at once with 130 on a second signal a moment later', async () => {
    const child = await startFixture()
    const exited = exitCode(child)
    const started = Date.now()
    child.kill('SIGINT')
    await new Promise((resolve) => setTimeout(resolve, 600))
    child.kill('SIGTERM')
    expect(await exited).toBe(130)
    expect(Date.now() - started).toBeLessThan(1_000)
  }, 20_000)
})
