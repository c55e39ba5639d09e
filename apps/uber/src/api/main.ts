import { createPool } from '@wired/db'
import { createRedis } from '@wired/redis'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { migrateUberSchema } from '../shared/database'
import { loadApiConfig } from './config'
import { createApiService } from './service'

run(async (signal) => {
  const config = loadApiConfig(process.env)
  const logger = createLogger('api', config.logLevel)
  const pool = createPool(config.databaseUrl, { logger })
  await migrateUberSchema(pool, logger)
  const redis = createRedis(config.redisUrl)
  const service = createApiService(config, { pool, redis, logger })
  await service.start()
  logger.info({ url: service.url }, 'service started')
  await untilAborted(signal)
  await service.stop()
  await redis.quit()
  await pool.end()
})
