import { MAX_WATCHED_POSTS, type WatchFrame } from '../../shared/push-frames'

/** A client frame checked field by field: the frame, or the reason it was refused. */
export function parseClientFrame(message: Record<string, unknown>): WatchFrame | { error: string } {
  if (message.type !== 'watch') return { error: `unknown frame type ${JSON.stringify(message.type)}` }
  const { postIds } = message
  if (!Array.isArray(postIds)) return { error: 'postIds must be an array of post ids' }
  if (postIds.length > MAX_WATCHED_POSTS) return { error: `watch at most ${MAX_WATCHED_POSTS} posts` }
  if (!postIds.every((id) => typeof id === 'string' && /^[1-9][0-9]{0,17}$/.test(id)))
    return { error: 'postIds must be an array of post ids' }
  return { type: 'watch', postIds: [...new Set(postIds as string[])] }
}
