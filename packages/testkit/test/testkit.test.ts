import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startContainers, stopContainers } from '../src/containers'
import {
  dockerEngineAnswers,
  launchChromium,
  readEnvFile,
  reservePort,
  resolveInfra,
  runModes,
  startNative,
  waitFor,
} from '../src/index'

const redisAnswers = async (redisUrl: string) => {
  const url = new URL(redisUrl)
  return new Promise<string>((resolve, reject) => {
    const socket = createConnection(Number(url.port), url.hostname, () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.end()
      resolve(data.toString())
    })
    socket.once('error', reject)
  })
}

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

describe('resolveInfra', () => {
  it('uses explicit URLs from the environment first', async () => {
    process.env.KAFKA_BROKERS = 'a:1,b:2'
    process.env.REDIS_URL = 'redis://x:6379'
    const infra = await resolveInfra(['kafka', 'redis'])
    expect(infra.kafkaBrokers).toEqual(['a:1', 'b:2'])
    expect(infra.redisUrl).toBe('redis://x:6379')
  })

  it('provisions real servers that answer when the environment has none', async () => {
    delete process.env.REDIS_URL
    const infra = await resolveInfra(['redis'])
    expect(await redisAnswers(infra.redisUrl)).toBe('+PONG\r\n')
  }, 120_000)

  // Each path on its own, since a machine takes only one of them through resolveInfra.
  // ./wired test brings Docker up first, so the Docker path is required, not skipped.
  it('Docker path: containers from the images of infra/docker, removed when this process exits', async () => {
    expect(await dockerEngineAnswers(), 'a Docker engine (./wired test starts one)').toBe(true)
    const env = await startContainers(['redis', 'postgres'])
    expect(await redisAnswers(env.REDIS_URL!)).toBe('+PONG\r\n')
    const pg = new URL(env.DATABASE_URL!)
    await new Promise<void>((resolve, reject) =>
      createConnection(Number(pg.port), pg.hostname, resolve).once('error', reject),
    )
    stopContainers()
    await expect(redisAnswers(env.REDIS_URL!)).rejects.toThrow()
  }, 180_000)

  it('native path: infra/native/start.sh brings real servers up on loopback', async () => {
    const env = startNative(['redis'])
    expect(await redisAnswers(env.REDIS_URL!)).toBe('+PONG\r\n')
  }, 180_000)
})

describe('helpers', () => {
  it('reads the env file infra/native/start.sh writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wired-env-'))
    const file = join(dir, 'infra.env')
    writeFileSync(
      file,
      'KAFKA_BROKERS=127.0.0.1:9092\n\n# comment\nDATABASE_URL=postgres://u@h:5432/db?x=1\nnot a line\n',
    )
    expect(readEnvFile(file)).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://u@h:5432/db?x=1',
    })
    expect(readEnvFile('/nonexistent')).toEqual({})
    rmSync(dir, { recursive: true, force: true })
  })

  it('finds a free port and waits for conditions', async () => {
    expect(await reservePort()).toBeGreaterThan(0)
    let n = 0
    expect(await waitFor(() => ++n >= 3 && n)).toBe(3)
    await expect(waitFor(() => false, { timeoutMs: 50, what: 'never' })).rejects.toThrow(/waiting for never/)
  })

  it('runs both modes unless narrowed, and rejects unknown modes', () => {
    delete process.env.WIRED_TEST_MODES
    expect(runModes()).toEqual(['embedded', 'real'])
    process.env.WIRED_TEST_MODES = 'real'
    expect(runModes()).toEqual(['real'])
    process.env.WIRED_TEST_MODES = 'docker'
    expect(() => runModes()).toThrow(/unknown mode 'docker'/)
  })
})

describe('launchChromium', () => {
  it('renders a page in headless Debian Chromium', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.setContent('<h1 id="t">wired</h1>')
      expect(await page.textContent('#t')).toBe('wired')
    } finally {
      await browser.close()
    }
  }, 60_000)
})
