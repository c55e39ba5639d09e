import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ScenarioDefinition } from '@wired/kit'
import { composeParityProblems } from '@wired/testkit'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// Every scenario is built the one way (packages/kit/README.md): a declaration in
// src/scenario.ts, and per service main.ts (runService), config.ts (loadConfig) and service.ts
// (createService). Compose runs the same services: the profile must match the declaration.
const root = resolve(import.meta.dirname, '..')
const scenarios = readdirSync(resolve(root, 'apps')).filter((app) =>
  existsSync(resolve(root, 'apps', app, 'src/scenario.ts')),
)
const load = async (app: string) =>
  (
    (await import(pathToFileURL(resolve(root, 'apps', app, 'src/scenario.ts')).href)) as {
      scenario: ScenarioDefinition
    }
  ).scenario

it('finds the scenarios built on the kit', () => {
  expect(scenarios).toEqual(expect.arrayContaining(['whatsapp', 'uber', 'twitter', 'smart-home']))
})

describe.each(scenarios)('%s', (app) => {
  it('gives every declared service the one shape', async () => {
    const scenario = await load(app)
    for (const spec of scenario.services) {
      const dir = resolve(root, 'apps', app, 'src', spec.dir ?? spec.name)
      expect(readFileSync(resolve(dir, 'main.ts'), 'utf8'), `${dir}/main.ts`).toContain('runService(')
      expect(readFileSync(resolve(dir, 'config.ts'), 'utf8'), `${dir}/config.ts`).toMatch(
        /export (function|const) loadConfig/,
      )
      expect(readFileSync(resolve(dir, 'service.ts'), 'utf8'), `${dir}/service.ts`).toMatch(
        /export function createService/,
      )
    }
  })

  it('has a compose profile running every declared service from its own main.ts', async () => {
    const scenario = await load(app)
    // Every service merges the `x-service` and env anchors: past 100 alias uses, which the yaml
    // parser refuses by default as a "billion laughs" guard. This file is ours, so the cap goes up.
    const config = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { maxAliasCount: 1_000 })
    expect(composeParityProblems(scenario, config)).toEqual([])
  })
})

it('the parity check can fail: a service missing from the file is named', async () => {
  const scenario = await load('whatsapp')
  expect(composeParityProblems(scenario, { services: {} })).toContain(
    `${scenario.name}-${scenario.services[0]!.name}: missing from docker-compose.yml`,
  )
})
