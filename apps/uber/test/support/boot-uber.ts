import { randomBytes } from 'node:crypto'
import { createKafkaEventLog, type EventLog } from '@wired/events'
import { createRedis } from '@wired/redis'
import { type BootedScenario, type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'
import { redisKeys } from '../../src/shared/live-positions'
import type { Knobs } from './harness'
import { startMosquitto } from './mosquitto'

export interface BootedUber {
  booted: BootedScenario
  urls: { riderPage: string; api: string; driverSocket: string; location: string; matching: string; pricing: string }
  mqttUrl: string
  /** The deployment's GRPC_SECRET: a test calls a service as one of its allowed callers. */
  grpcSecret: string
  /** The test's own view of the event log: the services' twin embedded, its own Kafka client on real infra. */
  events: EventLog
  /** Real mode: the private Mosquitto takes each new driver's account (embedded: aedes asks the database). */
  addBrokerAccount(account: { username: string; password: string }): Promise<void>
  stop(): Promise<void>
}

/** The knobs as the env keys the services read. */
const knobsEnv = (knobs: Knobs): Record<string, string> => ({
  OFFER_TIMEOUT_MS: String(knobs.offerTimeoutMs),
  DISPATCH_ROUNDS: String(knobs.dispatchRounds),
  DISPATCH_ROUND_DELAY_MS: String(knobs.dispatchRoundDelayMs),
  DRIVER_STALE_AFTER_MS: String(knobs.staleAfterMs),
  SURGE_DEMAND_WINDOW_MS: String(knobs.surgeDemandWindowMs),
  SURGE_SUPPLY_WINDOW_MS: String(knobs.surgeSupplyWindowMs),
  SIM_SPEEDUP: String(knobs.simSpeedup),
  NEARBY_EVERY_MS: '1000',
  API_REQUESTS_PER_MINUTE: '10000',
  ALLOWED_ORIGINS: '*',
})

/**
 * Boots the scenario for a test or the benchmark from src/scenario.ts. On real infra the MQTT
 * broker is a private Mosquitto with the scenario's password file and ACL (compose runs the
 * same), where embedded mode runs aedes in-process.
 */
export async function bootUber(mode: RunMode, knobs: Knobs, options: BootOptions = {}): Promise<BootedUber> {
  let mosquitto: Awaited<ReturnType<typeof startMosquitto>> | undefined
  const booted = await bootScenario(scenario, mode, {
    ...options,
    env: { ...knobsEnv(knobs), ...options.env },
    beforeServices:
      mode === 'real'
        ? async () => {
            const backend = { username: 'uber-backend', password: randomBytes(9).toString('base64url') }
            const broker = await startMosquitto(backend)
            mosquitto = broker
            return {
              env: { MQTT_URL: broker.url, MQTT_USERNAME: backend.username, MQTT_PASSWORD: backend.password },
              stop: () => broker.stop(),
            }
          }
        : undefined,
  })
  const events =
    booted.twins?.eventLog ??
    (await createKafkaEventLog({
      brokers: booted.env.KAFKA_BROKERS!.split(','),
      clientId: `uber-test-${randomBytes(3).toString('hex')}`,
    }))
  const url = (label: string) => booted.urls[label]!
  return {
    booted,
    urls: {
      riderPage: url('rider page'),
      api: url('REST api'),
      driverSocket: url('driver WebSocket'),
      location: url('gRPC location'),
      matching: url('gRPC matching'),
      pricing: url('gRPC pricing'),
    },
    mqttUrl: booted.env.MQTT_URL!,
    grpcSecret: booted.env.GRPC_SECRET!,
    events,
    addBrokerAccount: async (account) => mosquitto?.addAccount(account),
    async stop() {
      if (!booted.twins?.eventLog) await events.close()
      await booted.stop()
      // The shared Redis outlives the run: its keys go with it (channels need no cleanup).
      if (mode === 'real') {
        const redis = createRedis(booted.env.REDIS_URL!)
        const keys = redisKeys(booted.env.REDIS_KEY_PREFIX!)
        await redis.del(keys.online, keys.lastSeen, keys.lastFix)
        redis.disconnect()
      }
    },
  }
}
