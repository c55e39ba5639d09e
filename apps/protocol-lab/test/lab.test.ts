import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { findMosquitto, launchChromium } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LabResults } from '../src/lab'
import type { ClaimRow } from '../src/verdicts'

/**
 * Runs the lab end to end, as `pnpm lab` does, on its smallest plan, and checks only what must
 * be true on any machine: every protocol delivered every message, protobuf beats JSON for the
 * guide's User, and the reports exist and parse. Timings are never asserted: they belong to the
 * machine. Kafka is required (through KAFKA_BROKERS or @wired/testkit's native infra), like any
 * suite that needs real infra: a missing broker fails this test instead of being skipped.
 */
const labRoot = resolve(import.meta.dirname, '..')
let outDir: string
let run: ReturnType<typeof spawnSync>
let report: { results: LabResults; claims: ClaimRow[] }

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'wired-lab-test-'))
  run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--smoke', '--out', outDir], {
    cwd: labRoot,
    encoding: 'utf8',
    timeout: 85_000,
  })
  const json = join(outDir, 'protocol-lab-smoke.json')
  if (existsSync(json)) report = JSON.parse(readFileSync(json, 'utf8'))
}, 90_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('pnpm lab (smoke plan)', () => {
  it('exits 0 and prints the claim tables', () => {
    expect(run.stderr).not.toContain('NOT MEASURED')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('## Claims: Protocol Comparison Matrix')
  })

  it('measured every protocol, Kafka and (when installed) Mosquitto included', () => {
    expect(report.results.notMeasured).toEqual([])
    const pushed = report.results.push.map((result) => result.id)
    expect(pushed).toEqual(expect.arrayContaining(['websocket', 'sse', 'long-polling', 'grpc-stream', 'kafka']))
    expect(pushed).toEqual(expect.arrayContaining(['mqtt-aedes-qos0', 'mqtt-aedes-qos1', 'mqtt-aedes-qos2']))
    if (findMosquitto()) expect(pushed).toEqual(expect.arrayContaining(['mqtt-mosquitto-qos2']))
    expect(report.results.requestReply.map((result) => result.id)).toEqual([
      'rest-http1',
      'rest-http2',
      'grpc',
      'graphql',
      'websocket',
    ])
    expect(report.claims.every((claim) => claim.verdict !== 'not measured')).toBe(true)
  })

  it('every protocol delivered every message', () => {
    for (const result of report.results.requestReply) {
      expect(result.failures, result.label).toBe(0)
      expect(result.calls, result.label).toBeGreaterThan(0)
    }
    for (const result of report.results.push) expect(result.delivered, result.label).toBe(result.sent)
    for (const result of report.results.bandwidth)
      expect(result.notificationsReceived, result.label).toBe(result.notificationsSent)
    for (const row of report.results.tcpUdp.rows) {
      // Induced UDP loss is the one place records may go missing, and it is counted.
      const lost = row.id === 'udp-impaired' ? row.sent - row.delivered : 0
      expect(row.delivered + lost, row.label).toBe(row.sent)
      if (row.transport === 'tcp') expect(row.delivered, row.label).toBe(row.sent)
    }
  })

  it("protobuf encodes the guide's User smaller than JSON, on the wire as well", () => {
    const { payload, requestReply } = report.results
    expect(payload.protobuf).toBeLessThan(payload.jsonCompact)
    const grpc = requestReply.find((result) => result.id === 'grpc')
    const rest = requestReply.find((result) => result.id === 'rest-http1')
    expect(grpc?.bytes.request).toBeLessThan(rest?.bytes.request ?? 0)
  })

  it('reads MQTT fixed headers off real packets: 2 bytes for a small PUBLISH, more for large ones', () => {
    const publishes = report.results.mqttHeaders.filter((packet) => packet.type === 'PUBLISH')
    expect(publishes[0]?.fixedHeaderBytes).toBe(2)
    expect(publishes.map((packet) => packet.fixedHeaderBytes)).toContain(4)
  })

  it('writes a self-contained HTML report with the charts and the chart library inlined', () => {
    const html = readFileSync(join(outDir, 'protocol-lab-smoke.html'), 'utf8')
    expect(html).toContain('<canvas id="matrix">')
    expect(html).toContain('Chart.js')
    expect(html).not.toMatch(/<script[^>]+src=/)
    for (const claim of report.claims) expect(html).toContain(claim.guideFigure.replace(/</g, '&lt;'))
  })

  it('draws every chart in a browser with no network and no errors', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(String(error)))
      page.on('requestfailed', (request) => errors.push(`request to ${request.url()}`))
      await page.goto(`file://${join(outDir, 'protocol-lab-smoke.html')}`)
      const drawn = await page.evaluate(() => {
        const chart = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): unknown } }).Chart
        return Array.from(document.querySelectorAll('canvas')).map((canvas) => Boolean(chart.getChart(canvas)))
      })
      expect(errors).toEqual([])
      expect(drawn.length).toBeGreaterThanOrEqual(8)
      expect(drawn.every(Boolean)).toBe(true)
    } finally {
      await browser.close()
    }
  }, 30_000)
})
