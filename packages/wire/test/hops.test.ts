import { context, trace } from '@opentelemetry/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWireCollector, type WireCollector } from '../src/collector'
import { Hops } from '../src/hops'
import { previewOf } from '../src/payload'
import { contextFromTraceparent, traceparentOf } from '../src/propagation'
import { runAsService } from '../src/service-scope'
import { installTracing, readWireConfig } from '../src/tracing'

describe('hops', () => {
  let collector: WireCollector
  beforeAll(async () => {
    // Before installTracing: with tracing off a hop is a plain call.
    const off = new Hops()
    expect(off.start({ kind: 'server', protocol: 'http', name: 'x' })).toBeUndefined()
    expect(off.around({ kind: 'server', protocol: 'http', name: 'x' }, (span) => span)).toBeUndefined()
    collector = await startWireCollector()
    installTracing(readWireConfig({ WIRE_COLLECTOR_URL: collector.url, WIRE_SAMPLE_RATIO: '1' }), 'hops-test')
  })
  afterAll(() => collector.stop())

  const spansOf = async (traceId: string, count: number) => {
    for (let i = 0; i < 50 && collector.traceOf(traceId).length < count; i++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    return collector.traceOf(traceId)
  }

  it('tags each hop with the service that was being built when its transport was created', async () => {
    const gateway = runAsService('gateway', () => new Hops())
    const store = runAsService('store', () => new Hops())
    let traceId = ''
    await gateway.around({ kind: 'server', protocol: 'ws', name: 'send', peer: 'browser' }, async (span) => {
      traceId = span!.spanContext().traceId
      await store.around(
        { kind: 'client', protocol: 'sql', name: 'INSERT messages', onlyInTrace: true },
        async () => {},
      )
    })
    const spans = await spansOf(traceId, 2)
    const byName = Object.fromEntries(spans.map((span) => [span.tags?.['wire.name'], span]))
    expect(byName.send?.localEndpoint?.serviceName).toBe('gateway')
    expect(byName['INSERT messages']?.localEndpoint?.serviceName).toBe('store')
    expect(byName['INSERT messages']?.parentId).toBe(byName.send?.id)
    expect(byName.send?.tags?.['wire.peer']).toBe('browser')
  })

  it('continues a caller trace from its traceparent, and makes outbound hops only inside a trace', async () => {
    const hops = new Hops()
    expect(hops.start({ kind: 'client', protocol: 'redis', name: 'GET', onlyInTrace: true })).toBeUndefined()
    const traceId = '1'.repeat(32)
    const parent = contextFromTraceparent(`00-${traceId}-${'2'.repeat(16)}-01`)
    const span = hops.start({ kind: 'client', protocol: 'redis', name: 'GET', onlyInTrace: true, parent })
    expect(span?.spanContext().traceId).toBe(traceId)
    span?.end()
    // An unsampled caller's trace is respected: nothing is recorded, not even a span object.
    const unsampled = contextFromTraceparent(`00-${'3'.repeat(32)}-${'4'.repeat(16)}-00`)
    expect(hops.start({ kind: 'server', protocol: 'grpc', name: 'x', parent: unsampled })).toBeUndefined()
    // Malformed trace fields are ignored, not trusted.
    for (const bad of ['', '00-xyz', `01-${traceId}-${'2'.repeat(16)}-01`, 42, null])
      expect(trace.getSpan(contextFromTraceparent(bad))).toBeUndefined()
  })

  it('marks a failed hop with its error, and ends it either way', async () => {
    const hops = new Hops()
    let traceId = ''
    await expect(
      hops.around({ kind: 'server', protocol: 'http', name: 'POST /x' }, async (span) => {
        traceId = span!.spanContext().traceId
        throw Object.assign(new Error('no such user'), { code: 'NOT_FOUND' })
      }),
    ).rejects.toThrow('no such user')
    const [span] = await spansOf(traceId, 1)
    expect(span?.tags?.error).toBe('NOT_FOUND: no such user')
  })

  it('gives a span its traceparent only while it is recorded, and keeps the active context unchanged', () => {
    const hops = new Hops()
    const span = hops.start({ kind: 'server', protocol: 'ws', name: 'x' })!
    expect(traceparentOf(span)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)
    span.end()
    expect(traceparentOf(span)).toBeUndefined()
    expect(trace.getSpan(context.active())).toBeUndefined()
  })
})

describe('payload previews', () => {
  it('redacts secrets, shows bytes as their size, and cuts long payloads', () => {
    expect(previewOf({ handle: 'alice', password: 'hunter2', nested: { token: 't' } })).toBe(
      '{"handle":"alice","password":"(redacted)","nested":{"token":"(redacted)"}}',
    )
    expect(previewOf('{"type":"auth","password":"a\\"b","x":1}')).toBe('{"type":"auth","password":"(redacted)","x":1}')
    expect(previewOf({ value: new Uint8Array(12), big: 2n ** 70n })).toBe(
      '{"value":"(12 bytes)","big":"1180591620717411303424"}',
    )
    expect(previewOf('x'.repeat(5_000))).toHaveLength(2_049)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(previewOf(cyclic)).toMatch(/^\(no preview: /)
  })

  it('reads its config strictly', () => {
    expect(readWireConfig({})).toEqual({ collectorUrl: undefined, sampleRatio: 0.1 })
    expect(readWireConfig({ WIRE_COLLECTOR_URL: 'http://x:9411', WIRE_TRACING: 'off' }).collectorUrl).toBeUndefined()
    expect(() => readWireConfig({ WIRE_SAMPLE_RATIO: '2' })).toThrow(/WIRE_SAMPLE_RATIO/)
    expect(() => readWireConfig({ WIRE_TRACING: 'maybe' })).toThrow(/WIRE_TRACING/)
  })
})
