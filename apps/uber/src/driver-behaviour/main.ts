import { createPool } from '@wired/db'
import { createKafkaEventLog } from '@wired/events'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { migrateUberSchema } from '../shared/database'
import { loadDriverBehaviourConfig } from './config'
import { createDriverBehaviourService } from './service'

run(async (signal) => {
  const config = loadDriverBehaviourConfig(process.env)
  const logger = createLogger('driver-behaviour', config.logLevel)
  const pool = createPool(config.databaseUrl, { logger })
  await migrateUberSchema(pool, logger)
  const events = await createKafkaEventLog({ brokers: config.kafkaBrokers, clientId: 'driver-behaviour', logger })
  const service = createDriverBehaviourService(config, { pool, events })
  await service.start()
  logger.info({ group: config.groupId }, 'service started')
  await untilAborted(signal)
  await service.stop()
  await events.close()
  await pool.end()
})
