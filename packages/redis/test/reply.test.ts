import { describe, expect, it } from 'vitest'
import { formatCoordinate, formatScore, parseFloat64, parseInt64 } from '../src/memory/reply'

describe('formatScore prints doubles as Redis 7.0 does (C "%.17g")', () => {
  // Each pair was read back from a real Redis 7.0 server with ZADD + ZRANGE WITHSCORES.
  it.each([
    [-0.5, '-0.5'],
    [0, '0'],
    [5e-324, '4.9406564584124654e-324'],
    [1e-5, '1.0000000000000001e-05'],
    [0.0001, '0.0001'],
    [0.1, '0.10000000000000001'],
    [1e16, '10000000000000000'],
    [1e17, '1e+17'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%s -> %s', (score, printed) => {
    expect(formatScore(score)).toBe(printed)
  })
})

describe('argument parsing follows Redis, not JavaScript', () => {
  it('integers must be canonical 64-bit decimals', () => {
    expect(parseInt64('-42')).toBe(-42n)
    expect(parseInt64(9)).toBe(9n)
    for (const bad of ['', ' 1', '+1', '01', '1.0', '1e3', '-0', '9223372036854775808']) {
      expect(() => parseInt64(bad), bad).toThrow('ERR value is not an integer or out of range')
    }
  })

  it('floats accept exponents and inf but not NaN, blanks or hex', () => {
    expect(parseFloat64('1e3')).toBe(1000)
    expect(parseFloat64('.5')).toBe(0.5)
    expect(parseFloat64('-inf')).toBe(-Infinity)
    for (const bad of ['nan', '', ' 1', '0x10', '1,5', 'abc']) {
      expect(() => parseFloat64(bad), bad).toThrow('ERR value is not a valid float')
    }
  })

  it('coordinates print with 17 decimals and no trailing zeros', () => {
    expect(formatCoordinate(13.361389338970184)).toBe('13.36138933897018433')
    expect(formatCoordinate(-0.5)).toBe('-0.5')
  })
})
