import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The launcher as `./wired start` runs it: Node itself with tsx as a loader, no wrapper process.
const root = resolve(import.meta.dirname, '..')

function start(args: string[], env: Record<string, string> = {}, options: { detached?: boolean } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: options.detached,
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return { child, output: () => output }
}

async function exitOf(child: ChildProcess) {
  if (child.exitCode !== null) return child.exitCode
  const [code, signal] = await once(child, 'exit')
  return (code ?? signal) as number | string
}

async function until(check: () => boolean, what: string, timeoutMs = 90_000) {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const scratchFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('wired-pg-'))
/**
 * Folders left that were not there before. Another run on the machine may be creating its own
 * meanwhile: a folder whose PostgreSQL is still running (postmaster.pid names a live process)
 * is that run's, not a leftover of the process this test stopped.
 */
const leftSince = (before: string[]) =>
  scratchFolders().filter((name) => !before.includes(name) && !serverAlive(join(tmpdir(), name, 'data')))

function serverAlive(dataDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    if (!(pid > 0)) return false
    process.kill(pid, 0) // throws when there is no such process
    return true
  } catch {
    return false // no pid file: no server, or one that is still starting and about to write it
  }
}

function groupAlive(pid: number) {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

it('an unknown scenario gets a one-line error naming it and exit code 2', async () => {
  const { child, output } = start(['atlantis'])
  expect(await exitOf(child)).toBe(2)
  expect(output().trim().split('\n')).toEqual([expect.stringMatching(/^unknown scenario 'atlantis'/)])
})

it('a bad config value gets a one-line error naming the key', async () => {
  const { child, output } = start([], { PORT: 'eighty' })
  expect(await exitOf(child)).toBe(2)
  expect(output().trim()).toBe("config: PORT must be an integer, got 'eighty'")
})

it('with no argument it serves the hub on any free port with PORT=0, and stops on SIGINT', async () => {
  const { child, output } = start([], { PORT: '0' })
  await until(() => /hub: (http\S+)/.test(output()), 'the hub URL')
  const url = /hub: (http\S+)/.exec(output())![1]!
  expect(url).not.toMatch(/:8080\//)
  const page = await (await fetch(url)).text()
  expect(page).toContain('WhatsApp: real-time messaging')
  expect(page).toContain('Twitch: live streaming')
  child.kill('SIGINT')
  expect(await exitOf(child)).toBe(0)
})

it('a taken port is named with the process holding it and how to choose another, exit 2', async () => {
  const squatter = createServer()
  await new Promise<void>((ok) => squatter.listen(0, '127.0.0.1', ok))
  const port = (squatter.address() as { port: number }).port
  try {
    for (const args of [[], ['whatsapp']]) {
      const before = scratchFolders()
      const { child, output } = start(args, { PORT: String(port) })
      expect(await exitOf(child)).toBe(2)
      expect(output()).toContain(`port ${port} is already in use (by pid ${process.pid}:`)
      expect(output()).toContain('PORT=0 for any free port')
      expect(leftSince(before)).toEqual([])
    }
  } finally {
    squatter.close()
  }
}, 120_000)

// detached: the launcher leads its own process group, like a shell's foreground job, so a
// signal to the group is what Ctrl-C does, and we can ask afterwards whether any process survived.
describe.each([
  { how: 'Ctrl-C', signals: ['SIGINT'], codes: [0] },
  { how: 'SIGTERM', signals: ['SIGTERM'], codes: [0] },
  // The second one forces exit 130 if the stop is still running, which it rarely is by then
  // (about 0.3 s): then the process is already gone, cleanly. Either way nothing may be left.
  { how: 'a second Ctrl-C', signals: ['SIGINT', 'SIGINT'], codes: [0, 130] },
])('whatsapp stopped by $how', ({ signals, codes }) => {
  it('exits within 2 s, leaving no process and no /tmp/wired-pg-* folder behind', async () => {
    const before = scratchFolders()
    const { child, output } = start(['whatsapp'], { PORT: '0' }, { detached: true })
    await until(() => output().includes('Ctrl-C stops it'), 'the scenario to start')
    const url = /chat \(gateway A\)\s+(http\S+)/.exec(output())?.[1]
    expect((await fetch(url!)).status).toBe(200)
    const stopping = Date.now()
    for (const [i, signal] of signals.entries()) {
      // A person's second Ctrl-C comes later than the first by more than a keystroke's echo.
      if (i > 0) await new Promise((r) => setTimeout(r, 600))
      if (groupAlive(child.pid!)) process.kill(-child.pid!, signal as NodeJS.Signals)
    }
    expect(codes).toContain(await exitOf(child))
    expect(Date.now() - stopping).toBeLessThan(2_000 + (signals.length - 1) * 600)
    await until(() => !groupAlive(child.pid!), 'the process group to end', 5_000)
    expect(leftSince(before)).toEqual([])
    expect(output()).not.toMatch(/ELIFECYCLE|idle connection failed/)
  }, 120_000)
})

it('boots uber embedded too, and Ctrl-C leaves no process behind', async () => {
  const { child, output } = start(['uber'], { PORT: '0' }, { detached: true })
  await until(() => /rider page\s+(http\S+)/.test(output()), 'the rider page URL')
  const url = /rider page\s+(http\S+)/.exec(output())![1]!
  expect((await fetch(url)).status).toBe(200)
  process.kill(-child.pid!, 'SIGINT')
  expect(await exitOf(child)).toBe(0)
  await until(() => !groupAlive(child.pid!), 'the process group to end', 15_000)
}, 150_000)
