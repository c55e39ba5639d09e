/**
 * The trade path's Redis keys (the market feed's are in market-feed.ts), under the deployment's
 * prefix (REDIS_KEY_PREFIX) so tests and deployments can share one server.
 */
export function accountKeys(prefix: string) {
  return {
    /**
     * Sorted set per account: its latest notices, scored by time. A notice is the same string
     * each time it is made from the same record, so a redelivered record's ZADD adds nothing.
     */
    notifications: (accountId: string) => `${prefix}notifications:${accountId}`,
  }
}

/** How many notices an account keeps. */
export const NOTIFICATIONS_KEPT = 50
