/**
 * The read side of the hybrid fan-out: a page of the feed is the cached timeline (posts of
 * ordinary authors, written there by the fan-out) merged with the newest posts of the
 * celebrities the reader follows (read from the post service now). Both lists are newest first;
 * the page is their union, newest first, without repeats, cut to the page size.
 * Ids are compared as numbers: '10' is newer than '9'.
 */
export function mergeNewestFirst(
  timeline: readonly string[],
  celebrityPosts: readonly string[],
  pageSize: number,
): string[] {
  const all = [...new Set([...timeline, ...celebrityPosts])]
  all.sort((a, b) => compareIds(b, a))
  return all.slice(0, pageSize)
}

export const compareIds = (a: string, b: string): number =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0
