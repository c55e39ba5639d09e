import { type ConsumerTuning, createKafkaEventLog, type EventLog, TracedEventLog } from '@wired/events'
import { createRedis, type RedisClient, tracedRedis } from '@wired/redis'
import { type Logger, silentLogger } from '@wired/runtime'
import type { Shutdown } from './service'

/**
 * What a service may be handed instead of opening it from its config: the embedded mode passes
 * its in-process twins (MemoryEventLog for Kafka, MemoryRedis for Redis) and one logger; a
 * service started from main.ts gets only the logger and opens real connections itself. Nothing
 * else is injected: everything a service calls, it builds in its own service.ts.
 */
export interface ServiceDeps {
  logger?: Logger
  eventLog?: EventLog
  redis?: RedisClient
}

/**
 * The service's event log: the twin it was handed, or its own Kafka client, closed at stop().
 * One Kafka client (producer + consumers) per service process, as in production.
 */
export async function openEventLog(
  deps: ServiceDeps,
  shutdown: Shutdown,
  options: { brokers: string[]; clientId: string; consumer?: ConsumerTuning },
): Promise<EventLog> {
  // Wrapped for the wire view here, outside the service's code: its records carry trace context.
  if (deps.eventLog) return new TracedEventLog(deps.eventLog)
  const eventLog = await createKafkaEventLog({ ...options, logger: deps.logger ?? silentLogger })
  shutdown.defer(() => eventLog.close())
  return new TracedEventLog(eventLog)
}

/**
 * The service's Redis connection: the twin it was handed, or its own ioredis client, closed at
 * stop(). Auto-pipelining sends commands issued in the same tick (a group's PUBLISHes) in one
 * write. A subscriber needs its own connection: call `redis.duplicate()` on the result.
 */
export function openRedis(deps: ServiceDeps, shutdown: Shutdown, url: string): RedisClient {
  if (deps.redis) return tracedRedis(deps.redis)
  const redis = createRedis(url, { enableAutoPipelining: true })
  shutdown.defer(() => redis.quit())
  return tracedRedis(redis)
}
