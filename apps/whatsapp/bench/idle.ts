import { fork } from 'node:child_process'
import { once } from 'node:events'
import type { RunningSystem } from '../test/support/system'
import { ApiClient } from '../web/src/api-client'
import { inBatches, round, rssBytes } from './stats'

export interface IdleResult {
  target: number
  held: number
  rssBeforeMiB: number
  rssAfterMiB: number
  kibPerConnection: number
}

/**
 * Idle connections on one gateway process: each is a signed-in user (its own inbox channel
 * subscription and presence key), connected and then silent apart from heartbeats. RSS is read
 * from /proc before and after; the difference per connection is what a socket costs.
 */
const SOCKETS_PER_USER = 100

export async function measureIdleConnections(
  system: RunningSystem,
  options: { connections: number; workers: number },
): Promise<IdleResult> {
  const api = new ApiClient(system.apiUrl)
  const run = Date.now().toString(36)
  // One user per 100 sockets (a user's phone, laptop, tablet... all connect): sign-up hashes a
  // password with scrypt, tens of ms of CPU each, which 20,000 users would turn into minutes.
  const users = await inBatches(
    Array.from({ length: Math.ceil(options.connections / SOCKETS_PER_USER) }, (_, i) => i),
    8,
    async (i) => (await new ApiClient(api.baseUrl).signIn(`idle_${run}_${i}`, `idle-password-${run}`)).token,
  )
  const tokens = Array.from({ length: options.connections }, (_, i) => users[i % users.length]!)
  const pid = system.processes!.pidOf('gateway-a')!
  const rssBefore = await rssBytes(pid)

  const perWorker = Math.ceil(tokens.length / options.workers)
  const workers = Array.from({ length: options.workers }, () =>
    fork(new URL('./idle-worker.ts', import.meta.url), { execArgv: ['--import', 'tsx'] }),
  )
  try {
    const reports = workers.map((worker) => once(worker, 'message') as Promise<[{ ready: number }]>)
    workers.forEach((worker, i) => {
      worker.send({
        url: system.gateways[0]!.wsUrl,
        tokens: tokens.slice(i * perWorker, (i + 1) * perWorker),
        concurrency: 200,
      })
    })
    const held = (await Promise.all(reports)).reduce((sum, [report]) => sum + report.ready, 0)
    await new Promise((resolve) => setTimeout(resolve, 3_000)) // let the gateway's heap settle
    const rssAfter = await rssBytes(pid)
    return {
      target: options.connections,
      held,
      rssBeforeMiB: round(rssBefore / 2 ** 20),
      rssAfterMiB: round(rssAfter / 2 ** 20),
      kibPerConnection: round((rssAfter - rssBefore) / held / 1024),
    }
  } finally {
    for (const worker of workers) {
      worker.send('stop')
      await once(worker, 'exit').catch(() => {})
    }
  }
}
