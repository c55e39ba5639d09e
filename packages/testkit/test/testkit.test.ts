import { mkdtempSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { launchChromium, readEnvFile, reservePort, resolveInfra, runModes, waitFor } from '../src/index'

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
    const url = new URL(infra.redisUrl)
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = createConnection(Number(url.port), url.hostname, () => socket.write('PING\r\n'))
      socket.once('data', (data) => {
        socket.end()
        resolve(data.toString())
      })
      socket.once('error', reject)
    })
    expect(answer).toBe('+PONG\r\n')
  }, 120_000)
})

describe('helpers', () => {
  it('reads the env file infra/native/start.sh writes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wired-env-')), 'infra.env')
    writeFileSync(
      file,
      'KAFKA_BROKERS=127.0.0.1:9092\n\n# comment\nDATABASE_URL=postgres://u@h:5432/db?x=1\nnot a line\n',
    )
    expect(readEnvFile(file)).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://u@h:5432/db?x=1',
    })
    expect(readEnvFile('/nonexistent')).toEqual({})
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
