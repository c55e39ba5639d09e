import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWireCollector, type WireCollector } from '../src/collector'
import { answerWireRequest } from '../src/page-routes'

const span = (traceId: string, id: string, extra: object = {}) => ({
  traceId,
  id,
  name: `hop ${id}`,
  timestamp: 1,
  localEndpoint: { serviceName: 'test' },
  ...extra,
})
const TRACE = 'a'.repeat(32)

describe('the wire collector (Zipkin v2 API subset)', () => {
  let collector: WireCollector
  beforeAll(async () => {
    collector = await startWireCollector({ maxSpans: 100 })
  })
  afterAll(() => collector.stop())

  const post = (body: string) =>
    fetch(`${collector.url}/api/v2/spans`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })

  it('stores spans posted as Zipkin JSON and answers them by trace id, as Zipkin does', async () => {
    expect((await post(JSON.stringify([span(TRACE, '1'), span(TRACE, '2', { parentId: '1' })]))).status).toBe(202)
    const answer = await fetch(`${collector.url}/api/v2/trace/${TRACE}`)
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as { id: string }[]).map((s) => s.id)).toEqual(['1', '2'])
    expect((await fetch(`${collector.url}/api/v2/trace/${'b'.repeat(32)}`)).status).toBe(404)
  })

  it('refuses what is not a span array, and ids that are not trace ids, changing nothing', async () => {
    expect((await post('not json')).status).toBe(400)
    expect((await post('{"traceId":"x"}')).status).toBe(400)
    expect((await fetch(`${collector.url}/api/v2/trace/..%2f..%2fetc`)).status).toBe(400)
    expect((await fetch(`${collector.url}/api/v2/traces`)).status).toBe(404)
    expect(collector.traceOf(TRACE)).toHaveLength(2)
  })

  it('stays within its span budget: old traces go, and one runaway trace cannot take it all', async () => {
    for (let i = 0; i < 30; i++) {
      const traceId = i.toString(16).padStart(32, '0')
      await post(JSON.stringify(Array.from({ length: 8 }, (_, j) => span(traceId, `${i}-${j}`))))
    }
    const kept = Array.from({ length: 30 }, (_, i) => collector.traceOf(i.toString(16).padStart(32, '0')).length)
    expect(kept.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(100)
    expect(kept.at(-1)).toBe(8) // the newest trace is whole
    const runaway = 'c'.repeat(32)
    await post(JSON.stringify(Array.from({ length: 50 }, (_, j) => span(runaway, `r${j}`))))
    expect(collector.traceOf(runaway).length).toBeLessThanOrEqual(10)
  })

  it('serves a page its traces by id only, and the panel files by plain name only', async () => {
    await post(JSON.stringify([span(TRACE, 'again')]))
    expect((await answerWireRequest(`/wire/traces/${TRACE}`, collector.url))?.status).toBe(200)
    expect(await answerWireRequest(`/wire/traces/${'d'.repeat(32)}`, collector.url)).toMatchObject({
      status: 200,
      body: '[]',
    })
    expect((await answerWireRequest('/wire/traces/not-an-id', collector.url))?.status).toBe(400)
    expect((await answerWireRequest(`/wire/traces/${TRACE}`, undefined))?.status).toBe(404)
    expect((await answerWireRequest(`/wire/traces/${TRACE}`, 'http://127.0.0.1:9'))?.status).toBe(502)
    expect(await answerWireRequest('/wire/../package.json', collector.url)).toBeUndefined()
    expect((await answerWireRequest('/wire/nothing-here.js', collector.url))?.status).toBe(404)
    expect(await answerWireRequest('/elsewhere', collector.url)).toBeUndefined()
  })
})
