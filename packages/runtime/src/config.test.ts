import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, readBool, readEnum, readInt, readList, readPort, readSecret, readString, readUrl } from './config'

describe('config readers', () => {
  it('returns values and defaults', () => {
    expect(readString({ A: ' x ' }, 'A')).toBe('x')
    expect(readString({}, 'A', { default: 'd' })).toBe('d')
    expect(readInt({ N: '42' }, 'N')).toBe(42)
    expect(readPort({}, 'PORT', { default: 8080 })).toBe(8080)
    expect(readBool({ B: 'yes' }, 'B')).toBe(true)
    expect(readList({ L: 'a, b,,c' }, 'L')).toEqual(['a', 'b', 'c'])
    expect(readEnum({ M: 'real' }, 'M', ['embedded', 'real'] as const)).toBe('real')
    expect(readUrl({ U: 'redis://127.0.0.1:6379' }, 'U', { protocols: ['redis'] })).toBe('redis://127.0.0.1:6379')
  })

  it('fails fast with a message naming the key', () => {
    expect(() => readString({}, 'DATABASE_URL')).toThrow(
      new ConfigError('config: DATABASE_URL is required but not set'),
    )
    expect(() => readInt({ N: 'abc' }, 'N')).toThrow(/N must be an integer, got 'abc'/)
    expect(() => readPort({ PORT: '70000' }, 'PORT')).toThrow(/PORT must be <= 65535/)
    expect(() => readBool({ B: 'maybe' }, 'B')).toThrow(/B must be true or false/)
    expect(() => readUrl({ U: 'not a url' }, 'U')).toThrow(/U must be a URL/)
    expect(() => readUrl({ U: 'http://x' }, 'U', { protocols: ['redis'] })).toThrow(/U must use redis/)
    expect(() => readEnum({ M: 'docker' }, 'M', ['embedded', 'real'])).toThrow(/M must be one of embedded, real/)
  })
})

describe('readSecret', () => {
  it('reads the value, or the file KEY_FILE names, and refuses one too short', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wired-secret-'))
    try {
      const file = join(dir, 'grpc_secret')
      writeFileSync(file, `${'s'.repeat(40)}\n`)
      expect(readSecret({ GRPC_SECRET: 'x'.repeat(32) }, 'GRPC_SECRET', { minLength: 32 })).toBe('x'.repeat(32))
      expect(readSecret({ GRPC_SECRET_FILE: file }, 'GRPC_SECRET', { minLength: 32 })).toBe('s'.repeat(40))
      expect(() => readSecret({ GRPC_SECRET: 'short' }, 'GRPC_SECRET', { minLength: 32 })).toThrow(/at least 32/)
      expect(() => readSecret({}, 'GRPC_SECRET', { minLength: 32 })).toThrow(/GRPC_SECRET \(or GRPC_SECRET_FILE\)/)
      expect(() => readSecret({ GRPC_SECRET_FILE: join(dir, 'nope') }, 'GRPC_SECRET', { minLength: 32 })).toThrow(
        /cannot be read/,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
