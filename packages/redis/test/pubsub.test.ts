import { describe, expect, it } from 'vitest'
import { globToRegExp } from '../src/memory/pubsub'

describe('globToRegExp speaks Redis glob patterns', () => {
  it.each([
    ['chat:*', 'chat:42:typing', true],
    ['chat:*', 'chats:1', false],
    ['room:?', 'room:7', true],
    ['room:?', 'room:77', false],
    ['user:[ab]*', 'user:bob', true],
    ['user:[^ab]*', 'user:bob', false],
    ['user:[^ab]*', 'user:cy', true],
    ['v[0-9]', 'v7', true],
    ['v[9-0]', 'v7', true],
    ['v[0-9]', 'vx', false],
    ['literal\\*', 'literal*', true],
    ['literal\\*', 'literally', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
  ])('%s vs %s -> %s', (pattern, channel, matches) => {
    expect(globToRegExp(pattern).test(channel)).toBe(matches)
  })
})
