import { announceReady } from '@wired/kit'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { createCity } from '../shared/city'
import { loadConfig } from './config'
import { startFleet } from './fleet'

/** The driver simulator as its own process (compose): N drivers on MQTT, GPS every 4 s. */
run(async (signal) => {
  const config = loadConfig(process.env)
  const logger = createLogger('simulator', config.logLevel)
  const fleet = await startFleet({ ...config, count: config.drivers, city: createCity(), logger })
  announceReady(logger, { drivers: fleet.drivers.length })
  await untilAborted(signal)
  await fleet.stop()
})
