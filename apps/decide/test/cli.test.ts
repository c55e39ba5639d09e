import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const tsx = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx')
const decide = (...args: string[]) =>
  promisify(execFile)(tsx, ['src/cli.ts', ...args], { cwd: resolve(import.meta.dirname, '..') })

it('answers flags with the pick, its reasons, and what was not chosen', async () => {
  const { stdout } = await decide(
    '--client=game-client',
    '--pattern=bidirectional',
    '--latency=tight',
    '--delivery=best-effort',
  )
  expect(stdout).toMatch(/^use UDP/)
  expect(stdout).toContain('watch it: ./wired start gaming')
  expect(stdout).toMatch(/TCP \(own framing\)\s+score -?\d+: a lost packet holds back every newer one/)
})

it('walks every edge of a scenario as JSON', async () => {
  const { stdout } = await decide('--scenario=smart-home', '--json')
  const edges = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
  expect(edges.map((edge) => edge.result.recommended[0].protocol.id)).toEqual(edges.map((edge) => edge.expected))
  expect(edges.length).toBe(4)
})

it('exits 2 with one line naming a bad answer', async () => {
  const failure = await decide('--latency=instant').catch((error) => error)
  expect(failure.code).toBe(2)
  expect(failure.stderr.trim()).toBe(
    "decide: latency: 'instant' is not an option (one of: relaxed, interactive, tight)",
  )
})
