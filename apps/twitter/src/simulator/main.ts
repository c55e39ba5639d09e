import { announceReady } from '@wired/kit'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { loadConfig } from './config'
import { startSimulator } from './simulator'

/** The data generator and activity simulator as its own process (compose: twitter-simulator). */
run(async (signal) => {
  const config = loadConfig(process.env)
  const logger = createLogger('simulator', config.logLevel)
  const simulator = await startSimulator({ ...config, logger })
  announceReady(logger, { readers: config.users, password: simulator.password })
  await untilAborted(signal)
  await simulator.stop()
})
