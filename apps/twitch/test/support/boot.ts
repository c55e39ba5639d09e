import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'

export interface Reply<T = unknown> {
  status: number
  headers: Headers
  body: { data?: T; errors?: Array<{ code: string; message: string; details?: Record<string, unknown> }> }
}

export type RunningTwitch = Awaited<ReturnType<typeof bootTwitch>>

/**
 * Boots the scenario for a test file (embedded, on real infra, or the running compose profile)
 * and gives the test what a streamer and a viewer have: the REST api, the RTMP ingest, the HLS
 * edge and both chat servers. The simulator stays home unless a test asks for it (SIM_STREAMS,
 * SIM_CHATTERS).
 */
export async function bootTwitch(mode: RunMode, options: BootOptions = {}) {
  const streams = options.env?.SIM_STREAMS ?? '0'
  const chatters = options.env?.SIM_CHATTERS ?? '0'
  const idle = streams === '0' && chatters === '0'
  const booted = await bootScenario(scenario, mode, {
    // On real infra, a simulator with nothing to do is not worth a process (embedded, it costs nothing).
    only: idle ? scenario.services.map((s) => s.name).filter((name) => name !== 'simulator') : undefined,
    ...options,
    env: { RATE_LIMIT_PER_MINUTE: '100000', ...options.env, SIM_STREAMS: streams, SIM_CHATTERS: chatters },
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
    rtmpUrl: booted.urls['RTMP ingest']!,
    edgeUrl: booted.urls['HLS edge']!,
    chatUrls: [booted.urls['chat A']!, booted.urls['chat B']!],
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
