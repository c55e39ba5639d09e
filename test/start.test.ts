import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const tsx = resolve(root, 'node_modules/.bin/tsx')

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(tsx, ['scripts/start.ts', ...args], { cwd: root, env: { ...process.env, ...env } })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  return { child, output: () => output }
}

async function exitOf(child: ChildProcess) {
  const [code] = await once(child, 'exit')
  return code as number
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

it('with no argument it serves the hub page and stops on SIGINT', async () => {
  const { child, output } = start([], { PORT: '0' })
  const started = Date.now()
  while (!/hub: (http\S+)/.test(output()) && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50))
  const url = /hub: (http\S+)/.exec(output())?.[1]
  expect(url).toBeDefined()
  const page = await (await fetch(url!)).text()
  expect(page).toContain('WhatsApp: real-time messaging')
  expect(page).toContain('Twitch: live streaming')
  child.kill('SIGINT')
  expect(await exitOf(child)).toBe(0)
})

it('pnpm start <scenario> boots it embedded, and Ctrl-C leaves no process behind', async () => {
  // detached: the launcher leads its own process group, like a shell's foreground job, so the
  // SIGINT goes to every process in it (Ctrl-C) and we can ask afterwards whether any survived.
  const child = spawn(tsx, ['scripts/start.ts', 'uber'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    detached: true,
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const started = Date.now()
  while (!/rider page\s+(http\S+)/.test(output) && Date.now() - started < 90_000)
    await new Promise((r) => setTimeout(r, 100))
  const url = /rider page\s+(http\S+)/.exec(output)?.[1]
  expect(url, output).toBeDefined()
  expect((await fetch(url!)).status).toBe(200)

  process.kill(-child.pid!, 'SIGINT')
  expect(await exitOf(child)).toBe(0)
  const groupAlive = async () => {
    try {
      process.kill(-child.pid!, 0)
      return true
    } catch {
      return false
    }
  }
  const deadline = Date.now() + 15_000
  while ((await groupAlive()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  expect(await groupAlive()).toBe(false)
}, 150_000)
