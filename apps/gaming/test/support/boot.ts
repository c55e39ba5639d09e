import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'

export interface Reply<T = unknown> {
  status: number
  headers: Headers
  body: { data?: T; errors?: Array<{ code: string; message: string; details?: Record<string, unknown> }> }
}

export type RunningGame = Awaited<ReturnType<typeof bootGame>>

/**
 * Boots the scenario for a test file (embedded, on real infra, or the running compose profile)
 * and gives the test what a player has: the REST api and the addresses of the game server and
 * the loss proxy. Bots stay home unless a test asks for them (SIM_BOTS).
 */
export async function bootGame(mode: RunMode, options: BootOptions = {}) {
  const bots = options.env?.SIM_BOTS ?? '0'
  const booted = await bootScenario(scenario, mode, {
    // On real infra, bots with nothing to do are not worth a process (embedded, they cost nothing).
    only: bots === '0' ? scenario.services.map((s) => s.name).filter((name) => name !== 'bots') : undefined,
    ...options,
    env: { RATE_LIMIT_PER_MINUTE: '100000', ...options.env, SIM_BOTS: bots },
  })
  const apiUrl = booted.urls['REST api']!
  const request = async <T>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} } as Reply<T>
  }
  return {
    mode,
    apiUrl,
    urls: booted.urls,
    env: booted.env,
    twins: booted.twins,
    processes: booted.processes,
    /** The wire view's collector (traces by id). */
    wireUrl: booted.env.WIRE_COLLECTOR_URL!,
    request,
    stop: () => booted.stop(),
  }
}
