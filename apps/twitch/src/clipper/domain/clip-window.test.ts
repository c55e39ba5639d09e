import { describe, expect, it } from 'vitest'
import { clipSeconds, lastSeconds, segmentsOf } from './clip-window'

const playlist = [
  '#EXTM3U',
  '#EXT-X-TARGETDURATION:1',
  '#EXT-X-PROGRAM-DATE-TIME:2026-12-04T23:00:00.000+0000',
  ...Array.from({ length: 12 }, (_, i) => `#EXTINF:1.000000,\n${i}.ts`),
  '#EXT-X-ENDLIST',
].join('\n')

describe('clip window', () => {
  it('reads segments and takes the newest that cover the clip', () => {
    const segments = segmentsOf(playlist)
    expect(segments).toHaveLength(12)
    expect(lastSeconds(segments, 10).map((s) => s.uri)).toEqual([
      '2.ts',
      '3.ts',
      '4.ts',
      '5.ts',
      '6.ts',
      '7.ts',
      '8.ts',
      '9.ts',
      '10.ts',
      '11.ts',
    ])
    expect(lastSeconds(segments, 30)).toHaveLength(12) // a short stream gives what it has
    expect(lastSeconds([], 30)).toEqual([])
  })
  it('bounds the length', () => {
    expect(clipSeconds(0)).toBe(30)
    expect(clipSeconds(10)).toBe(10)
    expect(clipSeconds(61)).toBeUndefined()
  })
})
