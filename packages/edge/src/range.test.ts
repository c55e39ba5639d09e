import { describe, expect, it } from 'vitest'
import { parseRange } from './range'

describe('parseRange', () => {
  it('reads the three forms of one byte range', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'whole' })
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 })
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 })
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 })
    expect(parseRange('bytes=95-200', 100)).toEqual({ kind: 'part', start: 95, end: 99 })
  })
  it('refuses malformed, multiple and unsatisfiable ranges', () => {
    for (const header of [
      'bytes=',
      'bytes=-',
      'items=0-1',
      'bytes=0-1,5-6',
      'bytes=a-b',
      'bytes=100-',
      'bytes=9-2',
      'bytes=-0',
    ]) {
      expect(parseRange(header, 100)).toEqual({ kind: 'invalid' })
    }
  })
})
