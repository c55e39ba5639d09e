import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import { type LivePosition, redisKeys } from '../../shared/live-positions'

/**
 * Live fixes of the drivers this gateway's riders are watching: Redis SUBSCRIBE
 * <prefix>driver-positions:<driverId>, one channel per watched driver, shared by all riders of
 * this gateway who watch that driver. The subscriber is a dedicated connection (a subscribed
 * Redis connection can run no other command).
 */
export function createDriverPositionFeed(
  subscriber: RedisClient,
  prefix: string,
  onPosition: (position: LivePosition) => void,
  logger: Logger,
) {
  const keys = redisKeys(prefix)
  const watchers = new Map<string, number>()
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      onPosition(JSON.parse(message) as LivePosition)
    } catch (error) {
      logger.warn({ err: error }, 'undecodable live position')
    }
  })
  return {
    async watch(driverId: string): Promise<void> {
      const count = watchers.get(driverId) ?? 0
      watchers.set(driverId, count + 1)
      if (count === 0) await subscriber.subscribe(keys.positions(driverId))
    },
    async unwatch(driverId: string): Promise<void> {
      const count = watchers.get(driverId) ?? 0
      if (count <= 1) {
        watchers.delete(driverId)
        if (count === 1) await subscriber.unsubscribe(keys.positions(driverId))
      } else watchers.set(driverId, count - 1)
    },
  }
}

export type DriverPositionFeed = ReturnType<typeof createDriverPositionFeed>
