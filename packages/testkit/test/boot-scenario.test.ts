import { describe, expect, it } from 'vitest'
import { fixture } from '../../kit/test/fixture/scenario'
import { bootScenario } from '../src/index'

// The kit's two-service fixture (no infra): the caller asks the echo at the address the kit planned.
describe.each(['embedded', 'real'] as const)('bootScenario (%s)', (mode) => {
  it('boots the scenario with the caller’s env winning over the scenario’s, and stops it', async () => {
    const booted = await bootScenario(fixture, mode, { env: { GREETING: 'from the test' } })
    try {
      expect(await (await fetch(booted.urls.page!)).text()).toBe('echo says: from the test')
      expect(booted.processes).toBeDefined()
    } finally {
      await booted.stop()
    }
    await expect(fetch(booted.urls.page!)).rejects.toThrow()
  }, 60_000)
})
