import type { EventLog } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'

/**
 * A scenario declares, in one small file (`apps/<scenario>/src/scenario.ts`), its services,
 * the infrastructure they need, and the env each one gets. From that one declaration the kit
 * boots it three ways with the same env keys: every service in one process on twins
 * (`./wired start`, embedded), one process each on real infra (tests, benchmarks), and, for
 * compose, the declaration is what `docker-compose.yml` is checked against.
 */
export type InfraNeed = 'postgres' | 'kafka' | 'redis' | 'mqtt'

export type RunMode = 'embedded' | 'real' | 'compose'

export interface ServiceSpec {
  /** Unique in the scenario: `message`, `gateway-a`. Also the name in logs (`<scenario>-<name>`). */
  name: string
  /** Folder under src/ with main.ts, config.ts (loadConfig) and service.ts (createService). Default: name. */
  dir?: string
  /** The env keys that set this service's listening ports, by kind: `{ grpc: 'GRPC_PORT' }`. */
  listens?: Record<string, string>
  /**
   * A listener people open in a browser: with a base port (`PORT=8080 ./wired start x`) the
   * public listeners take base, base + 1, ... in declaration order; otherwise any free port.
   */
  public?: boolean
  /** This service's own env; `at` knows every service's address, since ports are planned first. */
  env?(at: Addresses): Record<string, string>
  /** How docker-compose.yml runs it; tests in compose mode find its published ports through this. */
  compose?: ComposeSpec
}

export interface ComposeSpec {
  /** The compose service running it. Default `<scenario>-<name>`. */
  service?: string
  /**
   * Where a listener is reached from the host when that is not the service itself, e.g. the
   * load balancer in front of scaled gateway replicas: `{ http: { service: 'whatsapp-lb', port: 80 } }`.
   */
  reach?: Record<string, { service: string; port: number }>
}

/** Every listener's address, known before any service starts. */
export interface Addresses {
  mode: RunMode
  host: string
  /** The planned port of a service's listener of that kind (`'grpc'`, `'http'`, ...). */
  port(service: string, kind: string): number
  /** `host:port` of a service's gRPC listener. */
  grpc(service: string): string
  /** `http://host:port` of a service's listener of that kind (default `http`). */
  http(service: string, kind?: string): string
}

/** Infra that is running and how a service reaches it: env for every service, twins for embedded. */
export interface RunningInfra {
  env: Record<string, string>
  /** Embedded mode only: the in-process twins every service is handed instead of a client of its own. */
  twins?: { eventLog?: EventLog; redis?: RedisClient }
  /** Printed with the scenario's URLs (e.g. the PostgreSQL URL, for a reader's psql). */
  urls?: Record<string, string>
  stop(): Promise<void>
}

/** Something a scenario runs besides its services: its own MQTT broker, a simulator. */
export interface Extra {
  env?: Record<string, string>
  urls?: Record<string, string>
  stop(): Promise<void>
}

export interface ExtraContext {
  mode: RunMode
  /** The env every service gets (infra URLs, prefixes), so an extra reaches the same servers. */
  env: Record<string, string>
  at: Addresses
  logger: Logger
}

export interface ScenarioDefinition {
  name: string
  /** `apps/<scenario>`: pass `fileURLToPath(new URL('..', import.meta.url))` from src/scenario.ts. */
  appDir: string
  infra: InfraNeed[]
  /** In start order: a service is started after those declared above it. */
  services: ServiceSpec[]
  /** Env for every service of the scenario (on top of the infra's). */
  env?(at: Addresses): Record<string, string>
  /** Started after infra and before the services; its env reaches every service (e.g. an MQTT broker's account). */
  beforeServices?(context: ExtraContext): Promise<Extra>
  /** Started once every service is up (e.g. a simulator); embedded mode only unless `extrasInReal`. */
  afterServices?(context: ExtraContext): Promise<Extra>
  /** What a person opens, printed by `./wired start` and used by tests: label → URL. */
  urls(at: Addresses): Record<string, string>
}

export const defineScenario = (definition: ScenarioDefinition): ScenarioDefinition => definition

export const serviceDir = (spec: ServiceSpec): string => spec.dir ?? spec.name

export const composeServiceOf = (scenario: ScenarioDefinition, spec: ServiceSpec): string =>
  spec.compose?.service ?? `${scenario.name}-${spec.name}`

/**
 * Stops and starts a scenario's services from outside, the way an operator (or chaos) would:
 * OS processes on real infra, containers in compose.
 */
export interface ServiceControl {
  /** Default SIGKILL: a crash, with no shutdown handler run. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>
  /** Starts it again (same ports, same env) and resolves once it is ready. */
  start(name: string): Promise<void>
  logs(name: string): string
  pidOf(name: string): number | undefined
}
