import { activeTraceparent, contextFromTraceparent, endHop, endWhenSettled, Hops, TAG } from '@wired/wire'
import type { RedisClient, RedisMulti } from './client'

type Listener = (...args: string[]) => void

/** A pub/sub message that carries a trace starts with its traceparent and a newline. */
const TRACED_MESSAGE = /^(00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2})\n/
const NOT_COMMANDS = new Set(['on', 'off', 'once', 'duplicate', 'quit', 'disconnect', 'then', 'constructor'])

/**
 * The wire view's Redis hops, around any RedisClient (ioredis or MemoryRedis): every command
 * made inside a recorded trace is a client hop (`GEOADD`, `ZADD`, a MULTI block), a PUBLISH is a
 * producer hop, and a message received on a subscription a consumer hop. Pub/sub has no headers,
 * so a traced PUBLISH sends `<traceparent>\n<message>`; the receiving side (wrapped too) takes
 * that line off before the listener sees the message. Untraced messages go out unchanged.
 */
export function tracedRedis(client: RedisClient, hops = new Hops()): RedisClient {
  if (!hops.on) return client
  const listeners = new WeakMap<Listener, Listener>()
  const wrappedCommands = new Map<PropertyKey, unknown>()

  const publish = async (channel: string, message: string): Promise<number> => {
    const span = hops.start({
      kind: 'producer',
      protocol: 'redis',
      name: `PUBLISH ${channel}`,
      peer: 'redis',
      bytes: Buffer.byteLength(message),
      payload: () => message,
      attributes: { [TAG.redisChannel]: channel, [TAG.dbSystem]: 'redis' },
      onlyInTrace: true,
    })
    const traceparent = span ? hops.within(span, undefined, activeTraceparent) : undefined
    try {
      const receivers = await client.publish(channel, traceparent ? `${traceparent}\n${message}` : message)
      endHop(span, undefined, { 'wire.redis.receivers': receivers })
      return receivers
    } catch (error) {
      endHop(span, error)
      throw error
    }
  }

  const received =
    (listener: Listener, pattern: boolean): Listener =>
    (...args) => {
      const message = args[args.length - 1] ?? ''
      const traced = TRACED_MESSAGE.exec(message)
      if (!traced) return listener(...args)
      const plain = [...args.slice(0, -1), message.slice(traced[0].length)]
      const channel = args[pattern ? 1 : 0] ?? ''
      return hops.around(
        {
          kind: 'consumer',
          protocol: 'redis',
          name: `message ${channel}`,
          peer: 'redis',
          bytes: Buffer.byteLength(plain[plain.length - 1] ?? ''),
          parent: contextFromTraceparent(traced[1]),
          onlyInTrace: true,
          attributes: { [TAG.redisChannel]: channel, [TAG.dbSystem]: 'redis' },
        },
        () => listener(...plain),
      )
    }

  const command =
    (name: string, run: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const span = hops.start({
        kind: 'client',
        protocol: 'redis',
        name: name.startsWith('MULTI') ? name : name.toUpperCase(),
        peer: 'redis',
        attributes: {
          [TAG.dbSystem]: 'redis',
          [TAG.dbStatement]: name.startsWith('MULTI') ? name : describeCommand(name, args),
        },
        onlyInTrace: true,
      })
      if (!span) return run(...args)
      const result = run(...args)
      if (result instanceof Promise) return endWhenSettled(span, result)
      endHop(span)
      return result
    }

  /** A MULTI block is one hop, made at exec(), named after the commands it queued. */
  const tracedMulti = (multi: RedisMulti): RedisMulti => {
    const queued: string[] = []
    const chain: RedisMulti = new Proxy(multi, {
      get(target, property) {
        const value = Reflect.get(target, property, target)
        if (typeof value !== 'function') return value
        if (property === 'exec')
          return (...args: unknown[]) =>
            command(`MULTI ${summarize(queued)} EXEC`, () => (value as () => unknown).call(target))(...args)
        return (...args: unknown[]) => {
          queued.push(String(property).toUpperCase())
          ;(value as (...a: unknown[]) => unknown).apply(target, args)
          return chain
        }
      },
    })
    return chain
  }

  const proxy: RedisClient = new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      const known = wrappedCommands.get(property)
      if (known) return known
      let wrapped: unknown
      if (property === 'publish') wrapped = publish
      else if (property === 'duplicate') wrapped = () => tracedRedis(target.duplicate(), hops)
      else if (property === 'on' || property === 'off') {
        wrapped = (event: string, listener: Listener) => {
          if (event !== 'message' && event !== 'pmessage') {
            value.call(target, event, listener)
            return proxy
          }
          let inner = listeners.get(listener)
          if (!inner && property === 'on') {
            inner = received(listener, event === 'pmessage')
            listeners.set(listener, inner)
          }
          value.call(target, event, inner ?? listener)
          return proxy
        }
      } else if (property === 'multi') wrapped = () => tracedMulti(target.multi())
      else if (typeof property === 'string' && !NOT_COMMANDS.has(property) && /^[a-z]+$/.test(property))
        wrapped = command(property, (...args) => (value as (...a: unknown[]) => unknown).apply(target, args))
      else wrapped = (value as (...a: unknown[]) => unknown).bind(target)
      wrappedCommands.set(property, wrapped)
      return wrapped
    },
  })
  return proxy
}

/** `GEOADD ZADD ×3 PUBLISH`: the queued commands in order, repeats counted. */
function summarize(names: string[]): string {
  const runs: string[] = []
  let previous = ''
  let count = 0
  for (const name of [...names, '']) {
    if (name === previous) count++
    else {
      if (previous) runs.push(count > 1 ? `${previous} ×${count}` : previous)
      previous = name
      count = 1
    }
  }
  return runs.join(' ')
}

/** `GEOADD drivers:geo 13.4 52.5 d-1`, arguments cut: enough to see what was asked. */
function describeCommand(name: string, args: unknown[]): string {
  const parts = args.slice(0, 8).map((arg) => {
    const text = typeof arg === 'object' ? JSON.stringify(arg) : String(arg)
    return text.length > 60 ? `${text.slice(0, 60)}…` : text
  })
  return `${name.toUpperCase()} ${parts.join(' ')}${args.length > 8 ? ` … (${args.length} arguments)` : ''}`
}
