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
