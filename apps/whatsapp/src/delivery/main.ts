import { createLogger, run, untilAborted } from '@wired/runtime'
import { loadConfig } from './config'
import { createDeliveryService } from './service'

run(async (signal) => {
  const config = loadConfig(process.env)
  const logger = createLogger('whatsapp-delivery', config.logLevel)
  const service = createDeliveryService(config, { logger })
  const endpoints = await service.start()
  // Printed at any LOG_LEVEL: the test harness and people reading compose logs wait for it.
  logger.child({}, { level: 'info' }).info(endpoints, 'service started')
  await untilAborted(signal)
  await service.stop()
})
