import { AppError } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { createRedis } from '../src'

describe('createRedis', () => {
  it('refuses anything but a redis:// or rediss:// URL, before opening a socket', () => {
    for (const url of ['', '127.0.0.1:6379', 'http://127.0.0.1:6379', 'redis://']) {
      expect(() => createRedis(url), url).toThrow(AppError)
    }
  })
})
