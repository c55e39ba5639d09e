/** Redis keys, under the deployment's prefix (REDIS_KEY_PREFIX; tests use a run id). */
export const redisKeys = (prefix = 'gaming:') => ({
  /** Sorted set: member = playerId, score = the player's total points over all matches (set from PostgreSQL). */
  pointsLeaderboard: `${prefix}leaderboard:points`,
  /** Hash: playerId → display name, so a leaderboard read needs no PostgreSQL query. */
  playerNames: `${prefix}player-names`,
})

export type RedisKeys = ReturnType<typeof redisKeys>
