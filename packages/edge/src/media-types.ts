/** Content types of what a media origin serves, by extension: anything else is not media. */
export function mediaType(key: string): string | undefined {
  if (key.endsWith('.m3u8')) return 'application/vnd.apple.mpegurl'
  if (key.endsWith('.ts')) return 'video/mp2t'
  if (key.endsWith('.mp4')) return 'video/mp4'
  if (key.endsWith('.jpg')) return 'image/jpeg'
  return undefined
}

/** An object that never changes once served: a year in every cache, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable'
