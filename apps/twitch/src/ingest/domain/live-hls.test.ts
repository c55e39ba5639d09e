import { describe, expect, it } from 'vitest'
import { liveHlsArgs, masterPlaylist, withEndList } from './live-hls'

describe('live HLS', () => {
  it('writes both renditions with 1 s segments, a keyframe every second and wall-clock times', () => {
    const args = liveHlsArgs({
      inputUrl: 'rtmp://127.0.0.1:1935/live/k',
      outDir: '/m/streams/s_x',
      inputTimeoutMs: 15_000,
    })
    expect(args.filter((a) => a === '-hls_time')).toHaveLength(2)
    expect(args).toContain('/m/streams/s_x/360p/index.m3u8')
    expect(args).toContain('/m/streams/s_x/180p/%d.ts')
    expect(args[args.indexOf('-rw_timeout') + 1]).toBe('15000000')
    expect(args.filter((a) => a === 'program_date_time+independent_segments+temp_file')).toHaveLength(2)
  })
  it('lists both renditions in the master and closes a playlist once', () => {
    expect(masterPlaylist()).toContain('RESOLUTION=640x360\n360p/index.m3u8')
    expect(masterPlaylist()).toContain('RESOLUTION=320x180\n180p/index.m3u8')
    const closed = withEndList('#EXTM3U\n#EXTINF:1.0,\n0.ts\n')
    expect(closed.endsWith('0.ts\n#EXT-X-ENDLIST\n')).toBe(true)
    expect(withEndList(closed)).toBe(closed)
  })
})
