/**
 * The origin's Cache-Control per file, the contract the edge caches by (README, "HLS"):
 *  - a segment (.ts) or a clip (.mp4) is written once, atomically, and never changes: immutable;
 *  - the master playlist lists the renditions, which never change for a stream: immutable;
 *  - a live media playlist grows by a segment every second: `max-age=1`, so the edge refetches
 *    it at most once a second for all its viewers, and a player sees a new segment within a second;
 *  - once it carries #EXT-X-ENDLIST the stream is over and the playlist is a VOD's: immutable.
 */
export const LIVE_PLAYLIST = 'public, max-age=1'
export const IMMUTABLE = 'public, max-age=31536000, immutable'

export function cacheControlFor(key: string, body: Buffer): string {
  if (!key.endsWith('.m3u8')) return IMMUTABLE
  const text = body.toString('utf8')
  if (text.includes('#EXT-X-ENDLIST') || text.includes('#EXT-X-STREAM-INF')) return IMMUTABLE
  return LIVE_PLAYLIST
}
