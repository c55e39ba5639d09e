import { createKafkaEventLog } from '@wired/events'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { loadPricingConfig } from './config'
import { createPricingService } from './service'

run(async (signal) => {
  const config = loadPricingConfig(process.env)
  const logger = createLogger('pricing', config.logLevel)
  const events = await createKafkaEventLog({ brokers: config.kafkaBrokers, clientId: 'pricing', logger })
  const service = createPricingService(config, { events, logger })
  await service.start()
  logger.info({ grpc: service.grpcAddress }, 'service started')
  await untilAborted(signal)
  await service.stop()
  await events.close()
})
