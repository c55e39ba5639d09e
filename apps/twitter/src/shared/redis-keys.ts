/**
 * Every Redis key of the scenario, under the deployment's prefix (REDIS_KEY_PREFIX) so tests
 * and deployments can share one server.
 */
export function redisKeys(prefix: string) {
  return {
    /** Sorted set per reader: post ids scored by post id (ids increase with time). */
    timeline: (userId: string) => `${prefix}timeline:${userId}`,
    /** Every reader that has a timeline: what the checksum walks and a rebuild deletes. */
    timelineIndex: `${prefix}timelines`,
    /** The consumer group the fan-out reads twitter.posts with (a rebuild starts a fresh one). */
    fanoutGroup: `${prefix}fanout:group`,
    /** Hash tag → count for one minute of posts. */
    trendingBucket: (minute: number) => `${prefix}trending:${minute}`,
    /** Post ids already counted in that minute, so a redelivered record is not counted twice. */
    trendingSeen: (minute: number) => `${prefix}trending:${minute}:seen`,
  }
}

export type RedisKeys = ReturnType<typeof redisKeys>
