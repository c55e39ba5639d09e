import { randomBytes } from 'node:crypto'
import { createDatabase, dropDatabase } from '@wired/db'
import {
  entryOf,
  type PlannedAddresses,
  planAddresses,
  type RunningScenario,
  runSecrets,
  type ScenarioDefinition,
  type ServiceControl,
  ServiceProcesses,
  Shutdown,
  serviceDir,
  serviceEnv,
  startEmbeddedScenario,
} from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { startWireCollector } from '@wired/wire'
import { ComposeServices, composeAddresses, composeProjectOf } from './compose'
import { resolveInfra } from './infra'
import { deleteKafkaRunLeftovers } from './kafka-cleanup'
import type { RunMode } from './modes'

export interface BootedScenario {
  mode: RunMode
  at: PlannedAddresses
  urls: Record<string, string>
  /** The env every service got (infra URLs, prefixes): tests use it to reach the same servers. */
  env: Record<string, string>
  /**
   * Stop and start a service from outside: kill -9 a process (real) or a container (compose);
   * embedded, stop it and start it again in place.
   */
  processes?: ServiceControl
  /** Embedded mode: the in-process twins, so a test reads the event log the services write. */
  twins?: RunningScenario['twins']
  stop(): Promise<void>
}

export interface BootOptions {
  /** Extra env for every service (tests shorten timeouts, benchmarks raise rate limits). */
  env?: Record<string, string>
  /** Real mode: extra node flags for every service, e.g. ['--cpu-prof']. */
  nodeArgs?: string[]
  /** Default false: tests drive their own traffic, so the scenario's simulator stays off. */
  extras?: boolean
  /** Real mode: start only these services (a benchmark measuring one hot path). */
  only?: string[]
  /**
   * Real mode: replaces the scenario's own beforeServices, for infra a test must provide itself
   * (Uber's private Mosquitto with a password file, where embedded mode runs aedes in-process).
   */
  beforeServices?: ScenarioDefinition['beforeServices']
}

/**
 * Boots a scenario for a test file or a benchmark, from its one declaration.
 * Embedded: every service in this process on the twins. Real: a fresh database (random name) on
 * the real PostgreSQL, topics, consumer groups and Redis keys under a random prefix, and every
 * service as its own process with env only, so parallel runs on one set of servers never collide.
 */
export async function bootScenario(
  scenario: ScenarioDefinition,
  mode: RunMode,
  options: BootOptions = {},
): Promise<BootedScenario> {
  if (mode === 'embedded') {
    const running = await startEmbeddedScenario(scenario, {
      port: 0,
      logLevel: 'silent',
      env: options.env,
      extras: options.extras ?? false,
    })
    return {
      mode,
      at: running.at,
      urls: running.urls,
      env: running.env,
      twins: running.twins,
      processes: running.control,
      stop: running.stop,
    }
  }
  if (mode === 'compose') return bootOnCompose(scenario)
  return bootOnRealInfra(scenario, options)
}

/**
 * Compose: the profile is one shared deployment (CI brings it up once for every test file), so
 * nothing is created per run and stop() leaves it running; tests keep apart by their own ids.
 * Its env is fixed by docker-compose.yml and the test overlay: `options.env` cannot reach it.
 */
async function bootOnCompose(scenario: ScenarioDefinition): Promise<BootedScenario> {
  const project = composeProjectOf(scenario)
  const { at, env } = await composeAddresses(scenario, project)
  return {
    mode: 'compose',
    at,
    urls: scenario.urls(labelUnpublished(at)),
    env,
    processes: new ComposeServices(scenario, project),
    stop: async () => {},
  }
}

async function bootOnRealInfra(scenario: ScenarioDefinition, options: BootOptions): Promise<BootedScenario> {
  const infra = await resolveInfra(scenario.infra)
  const run = randomBytes(4).toString('hex')
  const shutdown = new Shutdown()
  try {
    const env: Record<string, string> = { LOG_LEVEL: 'info', INSTANCE_ID: `test-${run}`, ...runSecrets() }
    // The wire view: every service process sends its spans to a collector in this process.
    if (options.env?.WIRE_TRACING !== 'off') {
      const collector = await startWireCollector()
      shutdown.defer(() => collector.stop())
      env.WIRE_COLLECTOR_URL = collector.url
    }
    if (scenario.infra.includes('postgres')) {
      const name = `${scenario.name.replace(/\W/g, '_')}_test_${run}`
      env.DATABASE_URL = await createDatabase(infra.databaseUrl, name)
      shutdown.defer(() => dropDatabase(infra.databaseUrl, name).catch(() => {}))
    }
    if (scenario.infra.includes('kafka')) {
      env.KAFKA_BROKERS = infra.kafkaBrokers.join(',')
      env.KAFKA_TOPIC_PREFIX = `test-${run}.`
      shutdown.defer(() => deleteKafkaRunLeftovers(infra.kafkaBrokers, env.KAFKA_TOPIC_PREFIX!).catch(() => {}))
    }
    if (scenario.infra.includes('redis')) {
      env.REDIS_URL = infra.redisUrl
      env.REDIS_KEY_PREFIX = `test-${run}:`
    }
    if (scenario.infra.includes('mqtt')) env.MQTT_URL = infra.mqttUrl
    const at = await planAddresses(scenario, 'real')
    const urls: Record<string, string> = {}
    let common = env
    const beforeServices = options.beforeServices ?? scenario.beforeServices
    if (beforeServices) {
      const extra = await beforeServices({ mode: 'real', env, at, logger: silentLogger })
      shutdown.defer(() => extra.stop())
      common = { ...env, ...extra.env }
      Object.assign(urls, extra.urls)
    }
    const chosen = scenario.services.filter((spec) => !options.only || options.only.includes(spec.name))
    const processes = new ServiceProcesses(
      scenario.appDir,
      Object.fromEntries(
        chosen.map((spec) => [
          spec.name,
          {
            entry: entryOf(serviceDir(spec)),
            env: {
              ...serviceEnv(scenario, spec.name, at, common, options.env),
              WIRE_SERVICE_NAME: `${scenario.name}-${spec.name}`,
            },
            nodeArgs: options.nodeArgs,
          },
        ]),
      ),
    )
    shutdown.defer(() => processes.stopAll())
    await processes.startAll()
    if (scenario.afterServices && options.extras) {
      const extra = await scenario.afterServices({ mode: 'real', env: common, at, logger: silentLogger })
      shutdown.defer(() => extra.stop())
      Object.assign(urls, extra.urls)
    }
    return {
      mode: 'real',
      at,
      urls: { ...scenario.urls(at), ...urls },
      env: common,
      processes,
      stop: () => shutdown.run(),
    }
  } catch (error) {
    await shutdown.run()
    throw error
  }
}

/** URLs of listeners compose does not publish read `unpublished://service/kind`, so a test that uses one says why it fails. */
function labelUnpublished(at: PlannedAddresses): PlannedAddresses {
  const published = (service: string, kind: string) => {
    try {
      return at.port(service, kind)
    } catch {
      return undefined
    }
  }
  return {
    ...at,
    grpc: (service) => (published(service, 'grpc') ? at.grpc(service) : `unpublished://${service}/grpc`),
    http: (service, kind = 'http') =>
      published(service, kind) ? at.http(service, kind) : `unpublished://${service}/${kind}`,
  }
}
