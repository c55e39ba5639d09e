/**
 * Chat's Redis keys and pub/sub channels, shared by both chat servers and read by the api
 * (viewers). `prefix` is REDIS_KEY_PREFIX (`twitch:` by default; tests sharing a Redis pass a run id).
 *
 *   PUBLISH   <p>chat:room:<channel>          every frame for a channel's viewers (message, deleted, banned, slow-mode)
 *   PUBLISH   <p>chat:control                 { channel, user } of a ban: each server closes that user's sockets
 *   ZSET      <p>chat:viewers:<channel>       member <server>:<socket id>, score = expiry (ms): viewers across servers
 *   SET       <p>chat:bans:<channel>          banned user names (refused at the upgrade and on every send)
 *   STRING    <p>chat:slow:<channel>          slow mode seconds (absent = off)
 *   STRING    <p>chat:last:<channel>:<user>   PX = slow mode: a user's next message is allowed when it expires
 *   STRING    <p>chat:rate:<user>             INCR + PEXPIRE NX: messages in the user's current rate window
 */
export const chatRedisKeys = (prefix = 'twitch:') => ({
  room: (channel: string) => `${prefix}chat:room:${channel}`,
  control: `${prefix}chat:control`,
  viewers: (channel: string) => `${prefix}chat:viewers:${channel}`,
  bans: (channel: string) => `${prefix}chat:bans:${channel}`,
  slowMode: (channel: string) => `${prefix}chat:slow:${channel}`,
  lastMessage: (channel: string, user: string) => `${prefix}chat:last:${channel}:${user}`,
  rate: (user: string) => `${prefix}chat:rate:${user}`,
})

export type ChatRedisKeys = ReturnType<typeof chatRedisKeys>

/** A viewer's presence entry lives this long unless its server refreshes it (each heartbeat). */
export const VIEWER_TTL_MS = 45_000

/** How the api counts a channel's viewers: entries whose expiry is still ahead. */
export async function countViewers(
  redis: { zrangebyscore(key: string, min: number | string, max: number | string): Promise<string[]> },
  keys: ChatRedisKeys,
  channel: string,
  nowMs = Date.now(),
): Promise<number> {
  return (await redis.zrangebyscore(keys.viewers(channel), nowMs, '+inf')).length
}
