import { join } from 'node:path'
import { reservePort } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { planAddresses, ServiceProcesses, serviceEnv, startEmbeddedScenario } from '../src/index'
import { fixture } from './fixture/scenario'

const text = async (url: string) => (await fetch(url)).text()

describe('planAddresses', () => {
  it('gives public listeners the base port in order and every other listener its own free port', async () => {
    const base = await reservePort()
    const at = await planAddresses(fixture, 'embedded', { basePort: base })
    expect(at.port('caller', 'http')).toBe(base)
    expect(at.port('echo', 'http')).not.toBe(base)
    expect(at.http('echo')).toBe(`http://127.0.0.1:${at.port('echo', 'http')}`)
    expect(() => at.grpc('echo')).toThrow("no grpc listener declared for 'echo'")
  })

  it('builds a service env from the infra, the scenario, the service and its ports, in that order', async () => {
    const at = await planAddresses(fixture, 'real')
    expect(serviceEnv(fixture, 'caller', at, { LOG_LEVEL: 'silent', GREETING: 'from infra' })).toMatchObject({
      LOG_LEVEL: 'silent',
      GREETING: 'hello',
    })
    const env = serviceEnv(fixture, 'caller', at, {}, { GREETING: 'overridden', CALLER_PORT: '1' })
    expect(env).toMatchObject({
      GREETING: 'overridden',
      ECHO_URL: at.http('echo'),
      CALLER_PORT: String(at.port('caller', 'http')),
    })
  })
})

describe('startEmbeddedScenario', () => {
  it('boots every service in this process from env alone, and stop() closes their listeners', async () => {
    const running = await startEmbeddedScenario(fixture, { logLevel: 'silent' })
    expect(await text(running.urls.page!)).toBe('echo says: hello')
    expect(running.endpoints.echo).toEqual({ http: running.at.http('echo') })
    await running.stop()
    await expect(fetch(running.urls.page!)).rejects.toThrow()
  })

  it('fails naming the bad key of the service that could not start', async () => {
    const started = startEmbeddedScenario(fixture, { logLevel: 'silent', env: { ECHO_URL: 'nope' } })
    await expect(started).rejects.toThrow(/ECHO_URL/)
  })
})

describe('ServiceProcesses', () => {
  it('runs each service as its own node process from its main.ts and waits for its readiness line', async () => {
    const at = await planAddresses(fixture, 'real')
    const env = (name: string) => serviceEnv(fixture, name, at, { LOG_LEVEL: 'warn' })
    const processes = new ServiceProcesses(fixture.appDir, {
      echo: { entry: join('src', 'echo', 'main.ts'), env: env('echo') },
      caller: { entry: join('src', 'caller', 'main.ts'), env: env('caller') },
    })
    try {
      await processes.startAll()
      expect(await text(at.http('caller'))).toBe('echo says: hello')
      await processes.kill('echo')
      expect(processes.logs('echo')).toContain('"msg":"service started"')
      await expect(fetch(at.http('echo'))).rejects.toThrow()
      await processes.start('echo')
      expect(await text(at.http('caller'))).toBe('echo says: hello')
    } finally {
      await processes.stopAll()
    }
  })

  it('reports a service that exits before it is ready, with its output', async () => {
    const processes = new ServiceProcesses(fixture.appDir, {
      echo: { entry: join('src', 'echo', 'main.ts'), env: { LOG_LEVEL: 'warn' } },
    })
    await expect(processes.start('echo')).rejects.toThrow(/echo exited \(2\)[\s\S]*ECHO_PORT is required/)
  })
})
