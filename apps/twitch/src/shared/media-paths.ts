/**
 * Where live HLS, VODs and clips live under the media dir (TWITCH_MEDIA_DIR, a volume shared by
 * ingest, origin and clipper in compose), and the one rule for which URL paths exist. The rule
 * is a whitelist of exact shapes (no `.`, no `..`, no other folder can match it), checked by the
 * edge before its cache and by the origin before the disk: a traversal attempt is a 404 at the
 * edge and never reaches the origin.
 */
export const RENDITIONS = [
  { name: '360p', width: 640, height: 360, videoKbps: 800 },
  { name: '180p', width: 320, height: 180, videoKbps: 300 },
] as const

export type RenditionName = (typeof RENDITIONS)[number]['name']

const STREAM_ID = /^s_[A-Za-z0-9_-]{12}$/
const CLIP_ID = /^[A-Za-z0-9_-]{1,64}$/
const STREAM_FILE = /^\/streams\/(s_[A-Za-z0-9_-]{12})\/(master\.m3u8|(360p|180p)\/(index\.m3u8|\d{1,9}\.ts))$/
const CLIP_FILE = /^\/clips\/([A-Za-z0-9_-]{1,64})\.mp4$/

export const isStreamId = (id: string) => STREAM_ID.test(id)
export const isClipId = (id: string) => CLIP_ID.test(id)

/** Keys (paths relative to the media dir) of one stream's files. */
export const streamKeys = (streamId: string) => ({
  dir: `streams/${streamId}`,
  master: `streams/${streamId}/master.m3u8`,
  playlist: (rendition: RenditionName) => `streams/${streamId}/${rendition}/index.m3u8`,
})

export const clipKey = (clipId: string) => `clips/${clipId}.mp4`

/** The media key of a URL path (already percent-decoded), or undefined for anything else. */
export function mediaKeyOf(path: string): string | undefined {
  if (STREAM_FILE.test(path) || CLIP_FILE.test(path)) return path.slice(1)
  return undefined
}
