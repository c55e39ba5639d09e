export type { GeoUnit, RedisClient, RedisCommands, RedisKey, RedisMulti, RedisValue } from './client'
export { createRedis } from './create-redis'
export { MemoryRedis } from './memory/memory-redis'
export { tracedRedis } from './traced-redis'
