/** Content types and cache lifetimes of what the origin serves, by extension. */
export function mediaType(key: string): string | undefined {
  if (key.endsWith('.m3u8')) return 'application/vnd.apple.mpegurl'
  if (key.endsWith('.ts')) return 'video/mp2t'
  if (key.endsWith('.jpg')) return 'image/jpeg'
  return undefined
}

/**
 * A VOD video never changes once it is ready (the origin serves nothing before), so segments and
 * playlists are immutable for a year: the edge, and the browser, never have to ask again.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable'

/** A key from a URL path: `/videos/<id>/<...>` only, checked again by resolveKey before any disk access. */
export function videoPathOf(path: string): { key: string; videoId: string } | undefined {
  const match = /^\/(videos\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_./-]{1,200})$/.exec(path)
  if (!match || match[1]!.split('/').some((part) => part === '..' || part === '.' || part === '')) return undefined
  return { key: match[1]!, videoId: match[2]! }
}
