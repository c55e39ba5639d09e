/**
 * Config readers: the only functions in the project that look at environment variables.
 * Each service's config.ts calls them with `process.env`, so a bad value fails at boot with a
 * one-line message naming the key instead of surfacing later as a confusing runtime error.
 */
import { readFileSync } from 'node:fs'

export type Env = Record<string, string | undefined>

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

interface Options<T> {
  default?: T
}

function raw(env: Env, key: string): string | undefined {
  const value = env[key]
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function missing(key: string): never {
  throw new ConfigError(`config: ${key} is required but not set`)
}

export function readString(env: Env, key: string, options: Options<string> = {}): string {
  return raw(env, key) ?? options.default ?? missing(key)
}

/**
 * A secret: from `KEY`, or from the file `KEY_FILE` names (Docker's convention for secrets kept
 * out of the environment and the compose file). Too short, and the service refuses to start.
 */
export function readSecret(env: Env, key: string, options: { minLength: number }): string {
  const file = raw(env, `${key}_FILE`)
  let value = raw(env, key)
  if (value === undefined && file !== undefined) {
    try {
      value = readFileSync(file, 'utf8').trim()
    } catch (error) {
      throw new ConfigError(`config: ${key}_FILE=${file} cannot be read: ${(error as Error).message}`)
    }
  }
  if (value === undefined) throw new ConfigError(`config: ${key} (or ${key}_FILE) is required but not set`)
  if (value.length < options.minLength) {
    throw new ConfigError(`config: ${key} must be at least ${options.minLength} characters (got ${value.length})`)
  }
  return value
}

export function readOptionalString(env: Env, key: string): string | undefined {
  return raw(env, key)
}

export function readInt(env: Env, key: string, options: Options<number> & { min?: number; max?: number } = {}): number {
  const text = raw(env, key)
  if (text === undefined) return options.default ?? missing(key)
  if (!/^-?\d+$/.test(text)) throw new ConfigError(`config: ${key} must be an integer, got '${text}'`)
  const value = Number(text)
  if (options.min !== undefined && value < options.min)
    throw new ConfigError(`config: ${key} must be >= ${options.min}, got ${value}`)
  if (options.max !== undefined && value > options.max)
    throw new ConfigError(`config: ${key} must be <= ${options.max}, got ${value}`)
  return value
}

export function readPort(env: Env, key: string, options: Options<number> = {}): number {
  return readInt(env, key, { ...options, min: 0, max: 65535 })
}

export function readBool(env: Env, key: string, options: Options<boolean> = {}): boolean {
  const text = raw(env, key)
  if (text === undefined) return options.default ?? missing(key)
  if (['1', 'true', 'yes'].includes(text.toLowerCase())) return true
  if (['0', 'false', 'no'].includes(text.toLowerCase())) return false
  throw new ConfigError(`config: ${key} must be true or false, got '${text}'`)
}

export function readUrl(env: Env, key: string, options: Options<string> & { protocols?: string[] } = {}): string {
  const text = raw(env, key) ?? options.default ?? missing(key)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ConfigError(`config: ${key} must be a URL, got '${text}'`)
  }
  if (options.protocols && !options.protocols.includes(url.protocol.replace(/:$/, '')))
    throw new ConfigError(`config: ${key} must use ${options.protocols.join(' or ')}, got '${url.protocol}'`)
  return text
}

/** A comma-separated list, e.g. KAFKA_BROKERS=127.0.0.1:9092,127.0.0.1:9093. */
export function readList(env: Env, key: string, options: Options<string[]> = {}): string[] {
  const text = raw(env, key)
  if (text === undefined) return options.default ?? missing(key)
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  if (items.length === 0) throw new ConfigError(`config: ${key} must list at least one value`)
  return items
}

export function readEnum<T extends string>(env: Env, key: string, allowed: readonly T[], options: Options<T> = {}): T {
  const text = raw(env, key)
  if (text === undefined) return options.default ?? missing(key)
  if (!(allowed as readonly string[]).includes(text))
    throw new ConfigError(`config: ${key} must be one of ${allowed.join(', ')}, got '${text}'`)
  return text as T
}
