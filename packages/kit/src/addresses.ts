import { reservePort } from '@wired/runtime'
import { type Addresses, type RunMode, type ScenarioDefinition, serviceDir } from './scenario'

export interface PlannedAddresses extends Addresses {
  /** The env keys that carry each service's ports, e.g. `{ GRPC_PORT: '50123' }`. */
  portEnv(service: string): Record<string, string>
}

/**
 * Picks every listener's port before anything starts, so each service's env can name the
 * addresses of the services it calls: the same env-only wiring compose uses. Ports come from
 * claimed leases (reservePort), so parallel test runs never collide.
 */
export async function planAddresses(
  scenario: ScenarioDefinition,
  mode: RunMode,
  options: { host?: string; basePort?: number } = {},
): Promise<PlannedAddresses> {
  const host = options.host ?? '127.0.0.1'
  const ports = new Map<string, Map<string, { key: string; port: number }>>()
  let nextPublic = options.basePort ?? 0
  for (const spec of scenario.services) {
    const listeners = new Map<string, { key: string; port: number }>()
    for (const [kind, key] of Object.entries(spec.listens ?? {})) {
      const port = spec.public && nextPublic > 0 ? nextPublic++ : await reservePort()
      listeners.set(kind, { key, port })
    }
    ports.set(spec.name, listeners)
  }
  const port = (service: string, kind: string): number => {
    const listener = ports.get(service)?.get(kind)
    if (!listener) {
      const known = [...ports].flatMap(([name, kinds]) => [...kinds.keys()].map((k) => `${name}/${k}`))
      throw new Error(`${scenario.name}: no ${kind} listener declared for '${service}' (declared: ${known.join(', ')})`)
    }
    return listener.port
  }
  return {
    mode,
    host,
    port,
    grpc: (service) => `${host}:${port(service, 'grpc')}`,
    http: (service, kind = 'http') => `http://${host}:${port(service, kind)}`,
    portEnv: (service) =>
      Object.fromEntries([...(ports.get(service)?.values() ?? [])].map(({ key, port }) => [key, String(port)])),
  }
}

/**
 * The full env of one service, later keys winning: the infra's, the scenario's common keys, the
 * service's own, the caller's overrides (a test's shortened timeouts), and its planned ports.
 */
export function serviceEnv(
  scenario: ScenarioDefinition,
  name: string,
  at: PlannedAddresses,
  infra: Record<string, string>,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const spec = scenario.services.find((s) => s.name === name)
  if (!spec) throw new Error(`${scenario.name}: no service '${name}'`)
  return { ...infra, ...scenario.env?.(at), ...spec.env?.(at), ...overrides, ...at.portEnv(name) }
}

export { serviceDir }
