import { seededRandom } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import {
  mediaPlaylistsOf,
  needsSample,
  nextRendition,
  pickRendition,
  pickVideo,
  progressLine,
  reactionAfterWatching,
  segmentsOf,
  segmentWaitMs,
} from './viewing'

const draws = <T>(n: number, pick: (random: () => number) => T) => {
  const random = seededRandom(7)
  return Array.from({ length: n }, () => pick(random))
}
const share = <T>(list: T[], value: T) => list.filter((x) => x === value).length / list.length

describe('a simulated viewer', () => {
  it('picks popular videos more often, and nothing from an empty catalogue', () => {
    const picks = draws(2_000, (r) => pickVideo(['a', 'b', 'c', 'd'], r))
    expect(share(picks, 'a')).toBeGreaterThan(share(picks, 'd') * 2)
    expect(new Set(picks)).toEqual(new Set(['a', 'b', 'c', 'd']))
    expect(pickVideo([], Math.random)).toBeUndefined()
  })
  it('starts low like hls.js, and switches rendition now and then, always to another one', () => {
    const starts = draws(2_000, (r) => pickRendition(['360p', '720p'], r))
    expect(share(starts, '360p')).toBeGreaterThan(0.6)
    expect(starts).toContain('720p')
    const next = draws(2_000, (r) => nextRendition('360p', ['360p', '720p'], r, 0.1))
    expect(share(next, '720p')).toBeGreaterThan(0.05)
    expect(share(next, '720p')).toBeLessThan(0.15)
    expect(nextRendition('360p', ['360p'], () => 0)).toBe('360p')
  })
  it('likes sometimes, comments less, mostly just watches', () => {
    const reactions = draws(2_000, (r) => reactionAfterWatching(r))
    expect(share(reactions, 'none')).toBeGreaterThan(0.5)
    expect(share(reactions, 'like')).toBeGreaterThan(share(reactions, 'comment'))
  })
  it('waits a segment’s duration, divided by the speed-up', () => {
    expect(segmentWaitMs(2, 1)).toBe(2_000)
    expect(segmentWaitMs(2, 10)).toBe(200)
    expect(segmentWaitMs(2, 0)).toBe(2_000)
  })
  it('reads playlists as a player does', () => {
    expect(mediaPlaylistsOf('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/index.m3u8\n720p/index.m3u8\n')).toEqual([
      '360p/index.m3u8',
      '720p/index.m3u8',
    ])
    expect(segmentsOf('#EXTM3U\n#EXTINF:2.000,\nseg_000.ts\n#EXTINF:1.5,\nseg_001.ts\n#EXT-X-ENDLIST\n')).toEqual([
      { uri: 'seg_000.ts', seconds: 2 },
      { uri: 'seg_001.ts', seconds: 1.5 },
    ])
  })
  it('uploads a sample only when nothing is ready and none of its own is on the way', () => {
    expect(needsSample(0, [])).toBe(true)
    expect(needsSample(0, ['rejected'])).toBe(true)
    expect(needsSample(0, ['transcoded'])).toBe(false)
    expect(needsSample(1, [])).toBe(false)
  })
  it('says what is happening in one line', () => {
    expect(progressLine({ watching: 5, segments: 60, seconds: 5, hitRatio: 0.968 })).toBe(
      'viewers: 5 watching, 12 segments/s, edge hit ratio 0.97',
    )
    expect(progressLine({ watching: 5, segments: 12, seconds: 5, hitRatio: undefined })).toBe(
      'viewers: 5 watching, 2.4 segments/s, edge hit ratio unknown',
    )
  })
})
