import { describe, expect, it } from 'vitest'
import { cacheControlFor, IMMUTABLE, LIVE_PLAYLIST } from './cache-rules'

const live = '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.000,\n0.ts\n'

describe('cacheControlFor', () => {
  it('keeps a live playlist one second and everything final for a year', () => {
    expect(cacheControlFor('streams/s_x/360p/index.m3u8', Buffer.from(live))).toBe(LIVE_PLAYLIST)
    expect(cacheControlFor('streams/s_x/360p/index.m3u8', Buffer.from(`${live}#EXT-X-ENDLIST\n`))).toBe(IMMUTABLE)
    expect(
      cacheControlFor(
        'streams/s_x/master.m3u8',
        Buffer.from('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/index.m3u8\n'),
      ),
    ).toBe(IMMUTABLE)
    expect(cacheControlFor('streams/s_x/360p/3.ts', Buffer.alloc(188))).toBe(IMMUTABLE)
    expect(cacheControlFor('clips/c.mp4', Buffer.alloc(8))).toBe(IMMUTABLE)
  })
})
