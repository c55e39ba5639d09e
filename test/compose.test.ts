import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

// The static check: `docker compose config -q` parses the file against the Compose schema without
// contacting an engine. (CI also boots every profile for real: infra/docker/compose-test.sh.)
const root = resolve(import.meta.dirname, '..')
const compose = (file: string) =>
  promisify(execFile)('docker', ['compose', '-f', file, '--project-directory', root, 'config', '-q'])
const resolved = async (...args: string[]) =>
  (await promisify(execFile)('docker', ['compose', '-f', resolve(root, 'docker-compose.yml'), ...args])).stdout

it('docker-compose.yml is a valid Compose file', async () => {
  await expect(compose(resolve(root, 'docker-compose.yml'))).resolves.toBeDefined()
})

it('the static check rejects a broken file (so the check above can fail)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'))
  try {
    const broken = join(dir, 'docker-compose.yml')
    writeFileSync(
      broken,
      readFileSync(resolve(root, 'docker-compose.yml'), 'utf8').replace('healthcheck:', 'helthcheck:'),
    )
    await expect(compose(broken)).rejects.toThrow(/helthcheck/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('every scenario profile named in the file runs the shared service image', () => {
  const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')
  const profiles = [...text.matchAll(/profiles: \[([a-z-]+)\]/g)].map((m) => m[1])
  for (const profile of profiles) expect(text).toContain(`apps/${profile}/src/`)
})

interface ResolvedService {
  image?: string
  restart?: string
  environment?: Record<string, string | null>
  depends_on?: Record<string, { condition?: string }>
  ports?: { host_ip?: string; published?: string; target: number }[]
}

/**
 * The wire view in compose: every long-running service of the shared image sends its spans to
 * Zipkin and starts only once Zipkin is healthy; Zipkin is published on loopback only. One-shots
 * (restart "no": the secrets writer, Uber's Mosquitto config) serve no traffic, so trace nothing.
 */
function wireProblems(services: Record<string, ResolvedService>): string[] {
  const problems: string[] = []
  for (const [name, service] of Object.entries(services)) {
    if (service.image !== 'wired/services:dev' || service.restart === 'no') continue
    if (service.environment?.WIRE_COLLECTOR_URL !== 'http://zipkin:9411')
      problems.push(`${name}: WIRE_COLLECTOR_URL is not http://zipkin:9411`)
    if (service.depends_on?.zipkin?.condition !== 'service_healthy')
      problems.push(`${name}: does not wait for zipkin to be healthy`)
  }
  const zipkin = services.zipkin
  if (!zipkin?.ports?.length) problems.push('zipkin: not published')
  for (const port of zipkin?.ports ?? [])
    if (port.host_ip !== '127.0.0.1') problems.push(`zipkin: ${port.published}:${port.target} not on 127.0.0.1 only`)
  return problems
}

it('every app service of every profile sends spans to Zipkin and waits for it; Zipkin is on loopback only', async () => {
  const profiles = (await resolved('config', '--profiles')).split('\n').filter(Boolean)
  expect(profiles).toEqual(expect.arrayContaining(['whatsapp', 'uber', 'twitter', 'smart-home']))
  for (const profile of profiles) {
    const config = JSON.parse(await resolved('--profile', profile, 'config', '--format', 'json')) as {
      services: Record<string, ResolvedService>
    }
    const checked = Object.values(config.services).filter((s) => s.image === 'wired/services:dev' && s.restart !== 'no')
    expect(checked.length, profile).toBeGreaterThan(3)
    expect(wireProblems(config.services), profile).toEqual([])
  }
})

it('the Zipkin check fails on a service without the collector, and on Zipkin published beyond loopback', () => {
  const app: ResolvedService = {
    image: 'wired/services:dev',
    environment: { WIRE_COLLECTOR_URL: 'http://zipkin:9411' },
    depends_on: { zipkin: { condition: 'service_healthy' } },
  }
  const zipkin: ResolvedService = { ports: [{ host_ip: '127.0.0.1', published: '9411', target: 9411 }] }
  expect(wireProblems({ app, zipkin })).toEqual([])
  expect(wireProblems({ app: { ...app, environment: {} }, zipkin })).toEqual([
    'app: WIRE_COLLECTOR_URL is not http://zipkin:9411',
  ])
  expect(wireProblems({ app: { ...app, depends_on: {} }, zipkin })).toEqual([
    'app: does not wait for zipkin to be healthy',
  ])
  expect(wireProblems({ app, zipkin: { ports: [{ published: '9411', target: 9411 }] } })).toEqual([
    'zipkin: 9411:9411 not on 127.0.0.1 only',
  ])
})
