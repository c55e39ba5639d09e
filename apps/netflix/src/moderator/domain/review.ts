/**
 * The moderation rule, a stand-in for a classifier: a video passes when every rendition's
 * playlist is a finished VOD playlist and it lasts at most MAX_SECONDS. What matters to the
 * study is where the stage sits (after thumbnails, before ready), not how clever it is.
 */
export const MAX_SECONDS = 600

export interface Review {
  approved: boolean
  reason: string
}

/** Sums the #EXTINF durations of a media playlist; undefined when it never ends. */
export function playlistSeconds(playlist: string): number | undefined {
  if (!playlist.includes('#EXT-X-ENDLIST')) return undefined
  let total = 0
  for (const match of playlist.matchAll(/^#EXTINF:([\d.]+)/gm)) total += Number(match[1])
  return total
}

export function review(playlists: string[]): Review {
  for (const playlist of playlists) {
    const seconds = playlistSeconds(playlist)
    if (seconds === undefined || seconds <= 0) return { approved: false, reason: 'a rendition is unfinished' }
    if (seconds > MAX_SECONDS) return { approved: false, reason: `longer than ${MAX_SECONDS} s` }
  }
  return { approved: true, reason: '' }
}
