import { describe, expect, it } from 'vitest'
import { evenWidth, ffmpegArgs, masterPlaylist, RENDITIONS } from './renditions'

describe('renditions', () => {
  it('forces a keyframe at every segment boundary and writes a VOD playlist', () => {
    const args = ffmpegArgs('/in.mp4', '/out/360p', RENDITIONS[0]!, true).join(' ')
    expect(args).toContain('-force_key_frames expr:gte(t,n_forced*2)')
    expect(args).toContain('-hls_playlist_type vod')
    expect(args).toContain('-c:a aac')
    expect(ffmpegArgs('/in.mp4', '/o', RENDITIONS[0]!, false).join(' ')).not.toContain('0:a')
  })
  it('lists every rendition in the master playlist with even widths', () => {
    const master = masterPlaylist(RENDITIONS, evenWidth(320, 180))
    expect(master).toContain('RESOLUTION=640x360')
    expect(master).toContain('RESOLUTION=1280x720')
    expect(master.trim().split('\n')).toHaveLength(6)
  })
})
