import { describe, expect, it } from 'vitest'
import { playlistSeconds, review } from './review'

const playlist = (seconds: number[], ended = true) =>
  ['#EXTM3U', ...seconds.flatMap((s, i) => [`#EXTINF:${s},`, `seg_${i}.ts`]), ended ? '#EXT-X-ENDLIST' : ''].join('\n')

describe('review', () => {
  it('passes a finished playlist and sums its segments', () => {
    expect(playlistSeconds(playlist([2, 2, 1.5]))).toBe(5.5)
    expect(review([playlist([2, 2])])).toEqual({ approved: true, reason: '' })
  })
  it('refuses an unfinished or overlong rendition', () => {
    expect(review([playlist([2], false)]).approved).toBe(false)
    expect(review([playlist([601])]).reason).toContain('longer')
  })
})
