/** Playlist helpers for the video tests and the edge benchmark; the HTTP/2 client itself is @wired/edge's. */
export { type H2Answer, Http2Client } from '@wired/edge'

/** The segment URIs of a media playlist. */
export const segmentUris = (playlist: string) =>
  playlist
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.endsWith('.ts'))

/** The EXTINF durations of a media playlist, in seconds. */
export const segmentSeconds = (playlist: string) =>
  [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((match) => Number(match[1]))
