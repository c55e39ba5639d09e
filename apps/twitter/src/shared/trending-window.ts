/**
 * Trending as a sliding window of one-minute buckets: the trending consumer counts each post's
 * hash tags into the bucket of the minute it was posted, and a reader sums the last
 * WINDOW_MINUTES buckets. Old buckets expire on their own (Redis EXPIRE), so nothing has to
 * subtract counts as the window slides.
 */
export const WINDOW_MINUTES = 15

/** A bucket lives a little longer than the window that reads it. */
export const BUCKET_TTL_SECONDS = (WINDOW_MINUTES + 5) * 60

export const minuteOf = (epochMs: number): number => Math.floor(epochMs / 60_000)

/** The minutes the window covers at `nowMs`, newest first. */
export const windowMinutes = (nowMs: number): number[] =>
  Array.from({ length: WINDOW_MINUTES }, (_, i) => minuteOf(nowMs) - i)

/** The top tags over the given buckets (tag → count each), most used first, ties by name. */
export function topTags(buckets: Record<string, string>[], limit: number): { tag: string; count: number }[] {
  const totals = new Map<string, number>()
  for (const bucket of buckets)
    for (const [tag, count] of Object.entries(bucket)) totals.set(tag, (totals.get(tag) ?? 0) + Number(count))
  return [...totals]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
    .slice(0, limit)
}
