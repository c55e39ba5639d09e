/**
 * Redis keys and channels shared by the location service (writer) and the rider gateway
 * (reader). All live under a prefix, `uber:` by default:
 *   <prefix>drivers:online              GEO set (a sorted set scored by 52-bit geohash): GEOADD / GEOSEARCH
 *   <prefix>drivers:last-seen           sorted set, score = ms of the last fix: finds silent drivers
 *   <prefix>drivers:last-fix            hash, driver id → {recordedAt, heading} of its last fix (JSON):
 *                                       what GEOPOS cannot say about a position (GetDriverPosition)
 *   <prefix>driver-positions:<driverId> pub/sub channel: live fixes of a driver on a trip, for its rider
 * Pub/sub is at-most-once and that is fine here: it is never the only copy (Kafka keeps the
 * history, the GEO set the latest fix), and a lost live fix is replaced by the next one.
 */
export const redisKeys = (prefix: string) => ({
  online: `${prefix}drivers:online`,
  lastSeen: `${prefix}drivers:last-seen`,
  lastFix: `${prefix}drivers:last-fix`,
  positions: (driverId: string) => `${prefix}driver-positions:${driverId}`,
})

/** What a rider gateway receives on driver-positions:<driverId> (JSON). */
export interface LivePosition {
  driverId: string
  lat: number
  lon: number
  heading: number
  /** The phone's clock when the fix was taken. */
  recordedAt: number
  /** The location service's clock when it accepted the fix. */
  receivedAt: number
}
