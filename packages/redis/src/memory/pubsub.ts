/** What the bus hands a subscribed connection. */
export interface Subscriber {
  receive(delivery: Delivery): void
}

export type Delivery =
  | { kind: 'message'; channel: string; message: string }
  | { kind: 'pmessage'; pattern: string; channel: string; message: string }

/**
 * PUBLISH / SUBSCRIBE / PSUBSCRIBE for one server.
 *
 * Redis pub/sub is fire-and-forget, and so is this: a message goes to whoever is subscribed at
 * the moment of PUBLISH and is kept nowhere. A subscriber that is disconnecting, reconnecting
 * or not yet subscribed simply misses it (at-most-once). That is why the project never makes
 * pub/sub the only copy of anything: the message is stored first (PostgreSQL, Kafka) and
 * pub/sub only says "look now"; a client that missed it catches up from its last sequence number.
 */
export class PubSubBus {
  private readonly channels = new Map<string, Set<Subscriber>>()
  private readonly patterns = new Map<string, { matcher: RegExp; subscribers: Set<Subscriber> }>()

  subscribe(subscriber: Subscriber, channel: string): void {
    const subscribers = this.channels.get(channel) ?? new Set()
    this.channels.set(channel, subscribers.add(subscriber))
  }

  unsubscribe(subscriber: Subscriber, channel: string): void {
    const subscribers = this.channels.get(channel)
    subscribers?.delete(subscriber)
    if (subscribers?.size === 0) this.channels.delete(channel)
  }

  psubscribe(subscriber: Subscriber, pattern: string): void {
    const entry = this.patterns.get(pattern) ?? { matcher: globToRegExp(pattern), subscribers: new Set() }
    entry.subscribers.add(subscriber)
    this.patterns.set(pattern, entry)
  }

  punsubscribe(subscriber: Subscriber, pattern: string): void {
    const entry = this.patterns.get(pattern)
    entry?.subscribers.delete(subscriber)
    if (entry?.subscribers.size === 0) this.patterns.delete(pattern)
  }

  /** Returns how many receivers the message went to: one per channel subscriber plus one per matching pattern subscription. */
  publish(channel: string, message: string): number {
    const deliveries: [Subscriber, Delivery][] = []
    for (const subscriber of this.channels.get(channel) ?? []) {
      deliveries.push([subscriber, { kind: 'message', channel, message }])
    }
    for (const [pattern, { matcher, subscribers }] of this.patterns) {
      if (!matcher.test(channel)) continue
      for (const subscriber of subscribers)
        deliveries.push([subscriber, { kind: 'pmessage', pattern, channel, message }])
    }
    // Delivered on a later turn of the event loop, as bytes on a socket would be: PUBLISH has
    // already replied when subscribers see the message. One batch per publish keeps the order
    // of messages from one publisher.
    if (deliveries.length > 0) {
      setImmediate(() => {
        for (const [subscriber, delivery] of deliveries) subscriber.receive(delivery)
      })
    }
    return deliveries.length
  }
}

/**
 * Redis's glob dialect (stringmatchlen): `*` any run, `?` one character, `[abc]`, `[^abc]`,
 * `[a-z]`, and `\` to escape. `chat:*` matches `chat:42` and also `chat:42:typing`.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else if (char === '\\' && i + 1 < pattern.length) source += escapeChar(pattern[++i]!)
    else if (char === '[') {
      let j = i + 1
      let cls = ''
      if (pattern[j] === '^') {
        cls += '^'
        j++
      }
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '\\' && j + 1 < pattern.length) {
          cls += escapeChar(pattern[j + 1]!)
          j += 2
        } else if (pattern[j + 1] === '-' && j + 2 < pattern.length) {
          // Redis accepts a reversed range ([z-a]) and swaps its ends.
          const [low, high] = [pattern[j]!, pattern[j + 2]!].sort()
          cls += `${escapeChar(low!)}-${escapeChar(high!)}`
          j += 3
        } else {
          cls += escapeChar(pattern[j]!)
          j++
        }
      }
      source += `[${cls}]`
      i = j
    } else source += escapeChar(char)
  }
  return new RegExp(`^${source}$`, 's')
}

function escapeChar(char: string): string {
  return char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}
