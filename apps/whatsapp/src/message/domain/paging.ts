import { AppError } from '@wired/runtime'

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 200

/** 0 (the proto default) means "the default page size". */
export function pageSize(limit: number): number {
  if (limit === 0) return DEFAULT_PAGE_SIZE
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
    throw new AppError('INVALID_ARGUMENT', `limit must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'limit' })
  return limit
}

export const DEFAULT_SYNC_SIZE = 500
export const MAX_SYNC_SIZE = 1000

/** A sync answers more at once than a history page: a phone back from a flight wants it all. */
export function syncSize(limit: number): number {
  if (limit === 0) return DEFAULT_SYNC_SIZE
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SYNC_SIZE)
    throw new AppError('INVALID_ARGUMENT', `limit must be between 1 and ${MAX_SYNC_SIZE}`, { field: 'limit' })
  return limit
}

/**
 * History pages go backwards by seq (keyset pagination: `WHERE seq < $before ORDER BY seq DESC`),
 * which stays fast at any depth and never skips or repeats a message when new ones arrive,
 * unlike OFFSET. The next page starts below the oldest seq of this one; 0 means no more.
 */
export function nextBeforeSeq(seqsNewestFirst: readonly number[], limit: number): number {
  if (seqsNewestFirst.length < limit) return 0
  const oldest = seqsNewestFirst[seqsNewestFirst.length - 1]!
  return oldest > 1 ? oldest : 0
}

/** SyncSince's positions: seq seen per conversation, defaulting to 0, refusing nonsense. */
export function syncPositions(conversationIds: readonly string[], seen: Record<string, number>): Map<string, number> {
  const positions = new Map<string, number>()
  for (const id of conversationIds) {
    const seq = seen[id] ?? 0
    if (!Number.isSafeInteger(seq) || seq < 0)
      throw new AppError('INVALID_ARGUMENT', `seen seq for ${id} must be a non-negative integer`, { field: 'seen' })
    positions.set(id, seq)
  }
  return positions
}
