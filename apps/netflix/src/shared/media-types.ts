/** Content types and cache lifetimes come from @wired/edge (shared with Twitch); the path rule is Netflix's. */
export { IMMUTABLE, mediaType } from '@wired/edge'

/**
 * A VOD video never changes once it is ready (the origin serves nothing before), so its segments
 * and playlists are IMMUTABLE: the edge, and the browser, never have to ask again.
 * A key from a URL path: `/videos/<id>/<...>` only, checked again by resolveKey before any disk access.
 */
export function videoPathOf(path: string): { key: string; videoId: string } | undefined {
  const match = /^\/(videos\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_./-]{1,200})$/.exec(path)
  if (!match || match[1]!.split('/').some((part) => part === '..' || part === '.' || part === '')) return undefined
  return { key: match[1]!, videoId: match[2]! }
}
