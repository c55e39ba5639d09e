import { createKafkaEventLog } from '@wired/events'
import { createRedis } from '@wired/redis'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { loadRiderGatewayConfig } from './config'
import { createRiderGatewayService } from './service'

run(async (signal) => {
  const config = loadRiderGatewayConfig(process.env)
  const logger = createLogger('rider-gateway', config.logLevel)
  const redis = createRedis(config.redisUrl)
  const events = await createKafkaEventLog({ brokers: config.kafkaBrokers, clientId: 'rider-gateway', logger })
  const service = createRiderGatewayService(config, { events, redis, logger })
  await service.start()
  logger.info({ url: service.url }, 'service started')
  await untilAborted(signal)
  await service.stop()
  await events.close()
  await redis.quit()
})
