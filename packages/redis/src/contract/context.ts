import { ReplyError } from 'ioredis'
import { expect } from 'vitest'
import type { RedisClient } from '../client'

/** What each part of the suite gets; everything it creates is cleaned up after each test. */
export interface ContractContext {
  /** The connection under test (never put in subscriber mode: it does the cleanup). */
  readonly redis: RedisClient
  /** A key unique to this test, so runs sharing one real server never collide; deleted after the test. */
  key(name: string): string
  /** Another connection to the same server (`duplicate()`), closed after the test. */
  connection(): RedisClient
}

/** Asserts that a command fails with exactly this Redis error message, as an ioredis ReplyError. */
export async function expectReplyError(reply: Promise<unknown>, message: string): Promise<void> {
  const error = await reply.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(error, `expected the reply to fail with "${message}"`).toBeInstanceOf(ReplyError)
  expect((error as Error).message).toBe(message)
}

/** Resolves with the arguments of the next `event` on a subscriber, or fails after `timeoutMs`. */
export function nextEvent(client: RedisClient, event: 'message' | 'pmessage', timeoutMs = 2_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: string[]) => {
      clearTimeout(timer)
      client.off(event as 'message', listener)
      resolve(args)
    }
    const timer = setTimeout(() => {
      client.off(event as 'message', listener)
      reject(new Error(`no '${event}' within ${timeoutMs} ms`))
    }, timeoutMs)
    client.on(event as 'message', listener)
  })
}

/** Collects every `event` on a subscriber into an array, for tests that count deliveries. */
export function collect(client: RedisClient, event: 'message' | 'pmessage'): string[][] {
  const seen: string[][] = []
  client.on(event as 'message', (...args: string[]) => seen.push(args))
  return seen
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
