import { announceReady } from '@wired/kit'
import { createLogger, run, untilAborted } from '@wired/runtime'
import { loadConfig } from './config'
import { startSimulator } from './simulator'

/** The bot editors as their own process (compose: google-docs-simulator). */
run(async (signal) => {
  const config = loadConfig(process.env)
  const logger = createLogger('simulator', config.logLevel)
  const simulator = await startSimulator({ ...config, password: config.password || undefined, logger })
  announceReady(logger, { signIn: `${simulator.handle} / ${simulator.password}`, document: simulator.title })
  await untilAborted(signal)
  await simulator.stop()
})
