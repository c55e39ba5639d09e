import { createPool } from '@wired/db'
import { createKafkaEventLog } from '@wired/events'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { migrateUberSchema } from '../shared/database'
import { loadMatchingConfig } from './config'
import { createMatchingService } from './service'

run(async (signal) => {
  const config = loadMatchingConfig(process.env)
  const logger = createLogger('matching', config.logLevel)
  const pool = createPool(config.databaseUrl, { logger })
  await migrateUberSchema(pool, logger)
  const events = await createKafkaEventLog({ brokers: config.kafkaBrokers, clientId: 'matching', logger })
  const service = createMatchingService(config, { pool, events, logger })
  await service.start()
  logger.info({ grpc: service.grpcAddress }, 'service started')
  await untilAborted(signal)
  await service.stop()
  await events.close()
  await pool.end()
})
