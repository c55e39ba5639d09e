import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { ReplyError } from 'ioredis'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MemoryRedis } from '../src'
import { Keyspace } from '../src/memory/keyspace'
import { MemoryServer } from '../src/memory/server'

// What the contract suite cannot see from outside: the twin's own lifecycle and isolation.
describe('MemoryRedis', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('separate instances are separate servers: no shared keys, no shared channels', async () => {
    const [a, b] = [new MemoryRedis(), new MemoryRedis()]
    const subscriber = b.duplicate()
    await subscriber.subscribe('news')
    await a.set('k', 'from a')
    expect(await b.get('k')).toBeNull()
    expect(await a.publish('news', 'x')).toBe(0)
    expect(await b.publish('news', 'x')).toBe(1)
    for (const client of [a, b, subscriber]) client.disconnect()
  })

  it("fails with ioredis's own ReplyError class, so instanceof checks work on both", async () => {
    const redis = new MemoryRedis()
    await redis.set('k', 'abc')
    const error = await redis.incr('k').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReplyError)
    expect((error as Error).name).toBe('ReplyError')
    redis.disconnect()
  })

  it('the sweep deletes expired keys that nobody reads', () => {
    let now = 1_000
    const keyspace = new Keyspace(() => now)
    keyspace.setString('idle', 'v')
    keyspace.setDeadline('idle', now + 100)
    keyspace.setString('forever', 'v')
    now += 101
    expect(keyspace.size).toBe(2)
    expect(keyspace.sweep()).toBe(1)
    expect(keyspace.size).toBe(1)
  })

  it("the server's timer runs the sweep while clients are connected", () => {
    vi.useFakeTimers()
    const server = new MemoryServer()
    server.connect()
    server.keyspace.setString('idle', 'v')
    server.keyspace.setDeadline('idle', Date.now() + 100)
    vi.advanceTimersByTime(1_000)
    expect(server.keyspace.size).toBe(0)
    server.disconnect()
  })

  it('never keeps a process alive: a script that forgets quit() still exits', async () => {
    const script = `
      import { MemoryRedis } from './src/index.ts'
      const redis = new MemoryRedis()
      await redis.set('presence:1', 'online', 'EX', 60)
      await redis.duplicate().subscribe('chat:1')
      console.log('done')`
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: new URL('..', import.meta.url).pathname, timeout: 10_000 },
    )
    expect(stdout.trim()).toBe('done')
  }, 15_000)
})
