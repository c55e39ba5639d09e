import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  composeServiceOf,
  type PlannedAddresses,
  type ScenarioDefinition,
  type ServiceControl,
  serviceDir,
} from '@wired/kit'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * A scenario's compose profile, as the tests reach it from the host: the project's own
 * docker-compose.yml plus a test overlay that publishes, on loopback only, what a test must
 * reach besides the pages (PostgreSQL, the gRPC ports a test calls as a gateway would).
 */
export interface ComposeProject {
  name: string
  files: string[]
  profile: string
}

export function composeProjectOf(scenario: ScenarioDefinition): ComposeProject {
  const overlay = resolve(repoRoot, 'infra/docker/compose.test.yml')
  return {
    name: process.env.WIRED_COMPOSE_PROJECT ?? `wired-test-${scenario.name}`,
    files: [resolve(repoRoot, 'docker-compose.yml'), ...(existsSync(overlay) ? [overlay] : [])],
    profile: scenario.name,
  }
}

export async function compose(project: ComposeProject, args: string[], timeoutMs = 600_000): Promise<string> {
  const files = project.files.flatMap((file) => ['-f', file])
  try {
    const { stdout } = await promisify(execFile)(
      'docker',
      ['compose', '-p', project.name, ...files, '--profile', project.profile, ...args],
      { cwd: repoRoot, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
    )
    return stdout
  } catch (error) {
    const { stderr } = error as { stderr?: string }
    throw new Error(`docker compose ${args.join(' ')} failed: ${stderr?.trim() || String(error)}`)
  }
}

interface ComposeConfig {
  services: Record<string, { environment?: Record<string, string | null> }>
}

/**
 * The host port a container port is published on, or undefined when it is not published. A
 * listener of kind `udp` is looked up as a UDP port (`docker compose port` answers for TCP by default).
 */
async function publishedPort(
  project: ComposeProject,
  service: string,
  port: number,
  protocol: 'tcp' | 'udp' = 'tcp',
): Promise<number | undefined> {
  const answer = await compose(project, ['port', '--protocol', protocol, service, String(port)]).catch(() => '')
  const match = /:(\d+)\s*$/.exec(answer.trim())
  return match ? Number(match[1]) : undefined
}

/**
 * Brings the profile up (a no-op when it is up already: CI boots it once for all test files) and
 * finds every declared listener's published port. A listener compose does not publish has no
 * address: a test that needs it fails saying so.
 */
export async function composeAddresses(
  scenario: ScenarioDefinition,
  project: ComposeProject,
): Promise<{ at: PlannedAddresses; env: Record<string, string> }> {
  await compose(project, ['up', '-d', '--wait', '--no-build'])
  const config = JSON.parse(await compose(project, ['config', '--format', 'json'])) as ComposeConfig
  const envOf = (service: string) => config.services[service]?.environment ?? {}
  const ports = new Map<string, number>()
  for (const spec of scenario.services) {
    for (const [kind, key] of Object.entries(spec.listens ?? {})) {
      const reach = spec.compose?.reach?.[kind]
      const service = reach?.service ?? composeServiceOf(scenario, spec)
      const containerPort = reach?.port ?? Number(envOf(service)[key])
      const protocol = kind === 'udp' ? 'udp' : 'tcp'
      const published = containerPort ? await publishedPort(project, service, containerPort, protocol) : undefined
      if (published) ports.set(`${spec.name}/${kind}`, published)
    }
  }
  const host = '127.0.0.1'
  const port = (service: string, kind: string) => {
    const found = ports.get(`${service}/${kind}`)
    if (found === undefined)
      throw new Error(
        `${scenario.name}: the ${kind} listener of '${service}' is not published by compose project ${project.name}`,
      )
    return found
  }
  const env: Record<string, string> = {}
  const pgPort = scenario.infra.includes('postgres') ? await publishedPort(project, 'postgres', 5432) : undefined
  if (pgPort) {
    const pg = envOf('postgres')
    const credentials = `${pg.POSTGRES_USER ?? 'postgres'}:${pg.POSTGRES_PASSWORD ?? 'postgres'}`
    env.DATABASE_URL = `postgres://${credentials}@${host}:${pgPort}/${pg.POSTGRES_DB ?? 'postgres'}`
  }
  Object.assign(env, await composeSecrets(scenario, project))
  // The wire view's collector is the Zipkin server every profile runs, published on loopback.
  const zipkinPort = await publishedPort(project, 'zipkin', 9411)
  if (zipkinPort) env.WIRE_COLLECTOR_URL = `http://${host}:${zipkinPort}`
  const at: PlannedAddresses = {
    mode: 'compose',
    host,
    port,
    grpc: (service) => `${host}:${port(service, 'grpc')}`,
    http: (service, kind = 'http') => `http://${host}:${port(service, kind)}`,
    portEnv: () => ({}),
  }
  return { at, env }
}

/**
 * The secrets compose generated on first start (infra/docker/secrets.sh), read from a running
 * service's read-only mount, as env keys (grpc_secret → GRPC_SECRET): a test calls a service as
 * one of its allowed callers, as it does in the other modes.
 */
async function composeSecrets(scenario: ScenarioDefinition, project: ComposeProject): Promise<Record<string, string>> {
  const [first] = scenario.services
  if (!first) return {}
  const service = composeServiceOf(scenario, first)
  const script = 'for f in /run/wired-secrets/*; do printf "%s=%s\\n" "$(basename "$f")" "$(cat "$f")"; done'
  const listing = await compose(project, ['exec', '-T', service, 'bash', '-c', script]).catch(() => '')
  return Object.fromEntries(
    listing
      .split('\n')
      .map((line) => line.split('='))
      .filter((parts): parts is [string, string] => parts.length === 2 && parts[1] !== '')
      .map(([name, value]) => [name.toUpperCase(), value]),
  )
}

const INFRA_SERVICES = ['kafka', 'postgres', 'redis', 'mosquitto']

/** kill -9 and restart of a scenario's containers: the compose twin of ServiceProcesses. */
export class ComposeServices implements ServiceControl {
  constructor(
    private readonly scenario: ScenarioDefinition,
    private readonly project: ComposeProject,
  ) {}

  /** A declared service by its scenario name, or the profile's own infra container (kafka, postgres, ...). */
  private serviceOf(name: string): string {
    if (INFRA_SERVICES.includes(name)) return name
    const spec = this.scenario.services.find((s) => s.name === name)
    if (!spec) throw new Error(`${this.scenario.name}: no service '${name}'`)
    return composeServiceOf(this.scenario, spec)
  }

  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await compose(this.project, ['kill', '-s', signal, this.serviceOf(name)])
  }

  /** `up -d --wait` of that one service: recreated only if its config changed, healthy before it resolves. */
  async start(name: string): Promise<void> {
    await compose(this.project, ['up', '-d', '--wait', '--no-build', '--no-deps', this.serviceOf(name)])
  }

  logs(): string {
    return '' // `docker compose logs <service>` holds them; tests read only what processes print
  }

  pidOf(): undefined {
    return undefined
  }
}

/** Every declared service must be in the profile, running its own main.ts. */
export function composeParityProblems(
  scenario: ScenarioDefinition,
  config: { services: Record<string, { command?: string[] | string; profiles?: string[] }> },
): string[] {
  const problems: string[] = []
  for (const spec of scenario.services) {
    const service = composeServiceOf(scenario, spec)
    const found = config.services[service]
    const entry = `apps/${scenario.name}/src/${serviceDir(spec)}/main.ts`
    if (!found) problems.push(`${service}: missing from docker-compose.yml`)
    else if (![found.command ?? []].flat().join(' ').includes(entry)) problems.push(`${service}: does not run ${entry}`)
    else if (!found.profiles?.includes(scenario.name)) problems.push(`${service}: not in profile ${scenario.name}`)
  }
  return problems
}
