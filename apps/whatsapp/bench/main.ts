/**
 * `pnpm --filter @wired/whatsapp bench [--quick]`: boots the scenario against real Kafka, Redis
 * and PostgreSQL (each service its own process, as in compose) and measures it against the
 * targets of the scenario's issue. README.md quotes its output.
 */
import { execSync } from 'node:child_process'
import type { ServiceName } from '../test/support/service-processes'
import { bootSystem } from '../test/support/system'
import { measureIdleConnections } from './idle'
import { measureRelay } from './relay'
import { cpuMeter, round } from './stats'
import { prepareThroughput, type ThroughputResult } from './throughput'

const quick = process.argv.includes('--quick')
const services: ServiceName[] = ['gateway-a', 'gateway-b', 'message', 'delivery', 'analytics', 'audit', 'users', 'api']

const system = await bootSystem('real', {
  // The per-connection limit protects a gateway from one abusive client; a load generator is
  // many clients funnelled through few sockets, so it gets a generous one.
  env: {
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
    DATABASE_CONNECTIONS: '10',
  },
})
try {
  const pairs = quick ? 100 : 500
  console.log(`end to end: ${pairs} sender/receiver pairs on gateways A → B, open loop, rising rates ...`)
  const load = await prepareThroughput(system, pairs)
  await load.run(100, 2) // warm-up (JIT, pools, consumer fetch loops); not reported
  const pids: Record<string, number> = Object.fromEntries(
    services.map((name) => [name, system.processes!.pidOf(name)!]),
  )
  pids.kafka = Number(execSync("pgrep -f '^java.*kafka[.]Kafka' | head -1").toString())
  pids.redis = Number(execSync('pgrep -x redis-server | head -1').toString())
  pids['load generator'] = process.pid
  const steps: Record<string, ThroughputResult> = {}
  let cpu: Record<string, number> = {}
  let cpuMessages = 0
  for (const perSecond of quick ? [100, 250, 500] : [100, 250, 500, 1_000, 2_000]) {
    const stopMeter = cpuMeter(pids)
    steps[`${perSecond}/s`] = await load.run(perSecond, quick ? 3 : 4)
    if (perSecond === 250) {
      cpu = stopMeter()
      cpuMessages = steps['250/s']!.delivered
    }
  }
  load.close()
  console.table(steps)
  console.log('CPU ms per delivered message at 250/s, by process (PostgreSQL not counted):')
  console.table(
    Object.fromEntries(
      Object.entries(cpu).map(([name, seconds]) => [name, { 'ms/message': round((seconds * 1000) / cpuMessages, 2) }]),
    ),
  )

  console.log('the gateway relay against a bare ws echo server ...')
  console.table(await measureRelay(system, { connections: 20, window: 20, seconds: quick ? 2 : 5 }))

  console.log('idle connections on one gateway ...')
  // ulimit -n is 20,000 on the reference machine and the gateway needs a few descriptors of its own.
  const idle = await measureIdleConnections(system, { connections: quick ? 2_000 : 19_900, workers: quick ? 1 : 2 })
  console.table({ 'idle connections': idle })
} finally {
  await system.stop()
}
