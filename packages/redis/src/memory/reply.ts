import { ReplyError } from 'ioredis'
import type { RedisValue } from '../client'

/**
 * Errors and number formats exactly as a Redis 7 server replies them, so code that matches on
 * an error message or parses a score behaves the same against the twin. The errors are
 * ioredis's own `ReplyError`, so `err instanceof ReplyError` holds for both.
 */
export function replyError(message: string): Error {
  return new (ReplyError as new (message: string) => Error)(message)
}

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value'
export const NOT_INTEGER = 'ERR value is not an integer or out of range'
export const NOT_FLOAT = 'ERR value is not a valid float'
export const SYNTAX = 'ERR syntax error'

export function wrongArgs(command: string): Error {
  return replyError(`ERR wrong number of arguments for '${command}' command`)
}

/** How ioredis turns an argument into the bytes it sends (Buffers are read as UTF-8 here). */
export function toArg(value: RedisValue | null | undefined): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' ? value : value.toString()
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Redis's string2ll: a canonical signed 64-bit decimal, nothing else ("+1", "01", " 1", "1.0" fail). */
export function parseInt64(value: RedisValue, error = NOT_INTEGER): bigint {
  const text = toArg(value)
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) throw replyError(error)
  const n = BigInt(text)
  if (n < INT64_MIN || n > INT64_MAX) throw replyError(error)
  return n
}

/** A 64-bit integer that must also fit a JS number, as every count and offset here does. */
export function parseInteger(value: RedisValue, error = NOT_INTEGER): number {
  const n = parseInt64(value, error)
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) throw replyError(error)
  return Number(n)
}

export function checkInt64(n: bigint, error: string): bigint {
  if (n < INT64_MIN || n > INT64_MAX) throw replyError(error)
  return n
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const INFINITY = /^[+-]?inf(inity)?$/i

/** Redis's string2d (strtod without leading blanks): decimals, exponents and "inf"; never NaN. */
export function parseFloat64(value: RedisValue, error = NOT_FLOAT): number {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw replyError(error)
    return value
  }
  const text = toArg(value)
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity
  if (!FLOAT.test(text)) throw replyError(error)
  return Number(text)
}

/** A score bound in ZRANGEBYSCORE style: "(" makes it exclusive; "-inf" / "+inf" allowed. */
export interface ScoreBound {
  value: number
  exclusive: boolean
}

export function parseScoreBound(value: RedisValue): ScoreBound {
  const text = toArg(value)
  const exclusive = text.startsWith('(')
  const number = parseFloat64(exclusive ? text.slice(1) : text, 'ERR min or max is not a float')
  return { value: number, exclusive }
}

/**
 * Scores as Redis 7.0 prints them: C's "%.17g" (17 significant digits, trailing zeros dropped,
 * exponent form outside 1e-4..1e17 with at least two exponent digits), "inf" / "-inf".
 */
export function formatScore(score: number): string {
  if (score === Infinity) return 'inf'
  if (score === -Infinity) return '-inf'
  const [mantissa = '', exponentText = '0'] = score.toExponential(16).split('e')
  const exponent = Number(exponentText)
  if (exponent < -4 || exponent >= 17) {
    const digits = stripZeros(mantissa)
    const sign = exponent < 0 ? '-' : '+'
    return `${digits}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  return stripZeros(score.toFixed(16 - exponent))
}

/** Coordinates as GEOPOS prints them: 17 decimals ("%.17Lf"), trailing zeros dropped. */
export function formatCoordinate(degrees: number): string {
  const text = stripZeros(degrees.toFixed(17))
  return text === '-0' ? '0' : text
}

/** Distances as GEODIST and WITHDIST print them: "%.4f". */
export function formatDistance(distance: number): string {
  return distance.toFixed(4)
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text
  return text.replace(/0+$/, '').replace(/\.$/, '')
}

/** Command options are case-insensitive keywords. */
export function keyword(value: RedisValue | undefined): string {
  return value === undefined ? '' : toArg(value).toUpperCase()
}
