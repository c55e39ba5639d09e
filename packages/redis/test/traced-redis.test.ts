import {
  contextFromTraceparent,
  Hops,
  installTracing,
  readWireConfig,
  startWireCollector,
  type WireCollector,
} from '@wired/wire'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryRedis } from '../src/memory/memory-redis'
import { tracedRedis } from '../src/traced-redis'

describe('tracedRedis (the wire view around a Redis client)', () => {
  let collector: WireCollector
  beforeAll(async () => {
    collector = await startWireCollector()
    installTracing(readWireConfig({ WIRE_COLLECTOR_URL: collector.url }), 'redis-test')
  })
  afterAll(() => collector.stop())

  const traceId = 'ab'.repeat(16)
  const inTrace = <T>(work: () => Promise<T>) =>
    new Hops().around(
      {
        kind: 'server',
        protocol: 'http',
        name: 'test',
        parent: contextFromTraceparent(`00-${traceId}-${'cd'.repeat(8)}-01`),
      },
      work,
    )
  // MemoryRedis delivers pub/sub messages on a later tick, as a server would.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20))
  const hopsOf = async (count: number) => {
    for (let i = 0; i < 50 && collector.traceOf(traceId).length < count; i++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    return collector.traceOf(traceId).map((span) => `${span.kind} ${span.tags?.['wire.name']}`)
  }

  it('carries a trace across pub/sub in the message, and hands the listener the message as published', async () => {
    const server = new MemoryRedis()
    const publisher = tracedRedis(server)
    const subscriber = tracedRedis(server).duplicate()
    const received: string[] = []
    subscriber.on('message', (_channel, message) => received.push(message))
    await subscriber.subscribe('inbox:bob')
    await publisher.publish('inbox:bob', 'untraced') // outside any trace: unchanged on the wire
    await inTrace(async () => {
      await publisher.set('k', 'v')
      await publisher.multi().incr('n').incr('n').expire('n', 60).exec()
      await publisher.publish('inbox:bob', '{"type":"message"}')
    })
    await settle()
    expect(received).toEqual(['untraced', '{"type":"message"}'])
    expect(await hopsOf(5)).toEqual(
      expect.arrayContaining([
        'CLIENT SET',
        'CLIENT MULTI INCR ×2 EXPIRE EXEC',
        'PRODUCER PUBLISH inbox:bob',
        'CONSUMER message inbox:bob',
      ]),
    )
  })

  it('lets an untraced subscriber read a traced message, and a traced one read an untraced message', async () => {
    const server = new MemoryRedis()
    const raw = server.duplicate()
    const seen: string[] = []
    raw.on('message', (_channel, message) => seen.push(message))
    await raw.subscribe('c')
    await inTrace(() => tracedRedis(server).publish('c', 'hello'))
    await settle()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01\\nhello$`))
    const listener = (_channel: string, message: string) => seen.push(message)
    const traced = tracedRedis(server).duplicate()
    traced.on('message', listener)
    await traced.subscribe('c')
    await server.publish('c', 'plain')
    await settle()
    expect(seen.at(-1)).toBe('plain')
    traced.off('message', listener) // the wrapper finds the listener it wrapped
    await server.publish('c', 'after off')
    await settle()
    expect(seen.filter((message) => message === 'after off')).toHaveLength(1) // the raw subscriber's only
  })
})
