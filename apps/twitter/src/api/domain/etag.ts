import { createHash } from 'node:crypto'

/**
 * A weak validator of a response body: the same page (posts, counts, names) gives the same tag,
 * so a client revalidating with If-None-Match gets 304 and no body. Weak (W/) because it stands
 * for the JSON's meaning, not its bytes under every content encoding.
 */
export const etagOf = (body: string): string => `W/"${createHash('sha1').update(body).digest('base64url')}"`

/** If-None-Match may list several tags, or `*`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim()
    return candidate === '*' || candidate === etag || `W/${candidate}` === etag
  })
}
