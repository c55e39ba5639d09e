import { createKafkaEventLog } from '@wired/events'
import { createRedis } from '@wired/redis'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { loadLocationConfig } from './config'
import { createLocationService } from './service'

run(async (signal) => {
  const config = loadLocationConfig(process.env)
  const logger = createLogger('location', config.logLevel)
  const redis = createRedis(config.redisUrl)
  const events = await createKafkaEventLog({ brokers: config.kafkaBrokers, clientId: 'location', logger })
  const service = createLocationService(config, { redis, events, logger })
  await service.start()
  logger.info({ grpc: service.grpcAddress, http: service.httpUrl }, 'service started')
  await untilAborted(signal)
  await service.stop()
  await events.close()
  await redis.quit()
})
