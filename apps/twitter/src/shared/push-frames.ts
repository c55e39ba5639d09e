/**
 * The push socket's frames (JSON text, both ways). The page, the tests and the benchmark use
 * these types; the study README documents them for other clients.
 *
 * client → server  { type: 'watch', postIds: string[] }      the posts on screen (replaces the last list)
 * server → client  { type: 'ready', userId }                  after the upgrade was authenticated
 *                  { type: 'new-post', postId, authorId }     someone this reader follows posted
 *                  { type: 'likes', postId, count }           a watched post's like count moved
 *                  { type: 'error', code, message }           a frame was refused; the socket stays open
 */
export const MAX_WATCHED_POSTS = 100

export interface WatchFrame {
  type: 'watch'
  postIds: string[]
}

export type PushFrame =
  | { type: 'ready'; userId: string }
  | { type: 'new-post'; postId: string; authorId: string }
  | { type: 'likes'; postId: string; count: number }
  | { type: 'error'; code: string; message: string }
