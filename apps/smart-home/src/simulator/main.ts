import { announceReady } from '@wired/kit'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { loadConfig } from './config'
import { startFleet } from './fleet'

/** The device simulator as its own process (compose): 1,000 devices on MQTT. */
run(async (signal) => {
  const config = loadConfig(process.env)
  const logger = createLogger('smart-home-simulator', config.logLevel)
  const fleet = await startFleet({ ...config, logger })
  announceReady(logger, { devices: fleet.devices.length })
  await untilAborted(signal)
  await fleet.stop()
})
