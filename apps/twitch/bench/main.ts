/**
 * `pnpm --filter @wired/twitch bench [edge|chat|glass-to-glass ...]`: the scenario's three
 * benchmarks, one after another, each in its own process (each boots its own system, and the chat
 * bench starts its own baseline server), so one's sockets and timers do not skew the next:
 *   edge            100 viewers through the edge cache: hit ratio (target ≥ 0.9), segment latency
 *                   beside a bare HTTP/2 server, embedded memory
 *   chat            5,000 viewers over 2 chat servers: message → every viewer p99 (target < 200 ms)
 *                   beside a bare `ws` broadcast
 *   glass-to-glass  a publish played in Chromium: frame source time → playback (target ≤ 4 s)
 * With no names, all three. Each file's header lists the env that tunes it (BENCH_SECONDS, …).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BENCHES = ['edge', 'chat', 'glass-to-glass'] as const
const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(BENCHES as readonly string[]).includes(name))
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(', ')} (choose from ${BENCHES.join(', ')})`)
  process.exit(2)
}
let failed = 0
for (const name of asked.length > 0 ? asked : BENCHES) {
  console.log(`\n=== ${name} ===`)
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' })
  if (run.status !== 0) {
    console.error(`${name}: exited with ${run.status ?? run.signal}`)
    failed++
  }
}
process.exit(failed === 0 ? 0 : 1)
