/**
 * What one embedded scenario costs a laptop: how long `./wired start <scenario>` takes to be
 * ready, and how much memory it then holds, the Node process and its PostgreSQL together.
 *
 *   node --import tsx scripts/footprint.ts whatsapp uber     (pnpm footprint whatsapp uber)
 *
 * Memory is read from /proc after the scenario settles: RSS counts pages shared between
 * processes once per process (PostgreSQL's shared buffers appear in every backend), so PSS,
 * which splits shared pages between their users, is the honest sum; both are printed.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const TARGET_MB = 300
const TARGET_READY_S = 5
// WIRED_FOOTPRINT_SETTLE_MS: longer for a scenario that keeps loading data after it is ready (Twitter seeds in the background).
const SETTLE_MS = Number(process.env.WIRED_FOOTPRINT_SETTLE_MS ?? 5_000)

interface Sample {
  readyMs: number
  node: { rss: number; pss: number }
  postgres: { rss: number; pss: number; processes: number }
}

/** Every descendant of `pid`, from /proc's parent links. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Field 4 is the parent pid; the command name (field 2) may hold spaces, so split after its ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parentOf.set(Number(entry), parent)
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = []
  const walk = (parent: number) => {
    for (const [child, itsParent] of parentOf) {
      if (itsParent !== parent) continue
      found.push(child)
      walk(child)
    }
  }
  walk(pid)
  return found
}

/** RSS and PSS of one process in MB (0 when it is gone). */
function memoryOf(pid: number): { rss: number; pss: number; name: string } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0)
    const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
    return { rss: kb('Rss') / 1024, pss: kb('Pss') / 1024, name }
  } catch {
    return { rss: 0, pss: 0, name: '' }
  }
}

async function measure(scenario: string): Promise<Sample> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', scenario], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  const readyMs = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      if (output.includes('is running')) resolve(performance.now() - started)
    })
    child.once('exit', (code) => reject(new Error(`${scenario} exited with ${code} before it was ready:\n${output}`)))
  })
  await sleep(SETTLE_MS)
  const node = memoryOf(child.pid!)
  const postgres = { rss: 0, pss: 0, processes: 0 }
  for (const pid of descendants(child.pid!)) {
    const memory = memoryOf(pid)
    if (!memory.name.startsWith('postgres')) continue
    postgres.rss += memory.rss
    postgres.pss += memory.pss
    postgres.processes += 1
  }
  child.kill('SIGINT')
  await new Promise((resolve) => child.once('exit', resolve))
  return { readyMs, node: { rss: node.rss, pss: node.pss }, postgres }
}

const scenarios = process.argv.slice(2)
if (scenarios.length === 0) {
  console.error('usage: node --import tsx scripts/footprint.ts <scenario> [...]')
  process.exit(2)
}
const mb = (value: number) => `${value.toFixed(0).padStart(4)} MB`
console.log(
  `embedded footprint after ${SETTLE_MS / 1000} s settled (targets: ready <= ${TARGET_READY_S} s, PSS <= ${TARGET_MB} MB)`,
)
for (const scenario of scenarios) {
  const { readyMs, node, postgres } = await measure(scenario)
  const total = node.pss + postgres.pss
  console.log(
    `${scenario.padEnd(10)} ready ${(readyMs / 1000).toFixed(1)} s (${readyMs / 1000 <= TARGET_READY_S ? 'met' : 'missed'})` +
      ` | node RSS ${mb(node.rss)} PSS ${mb(node.pss)} | postgres x${postgres.processes} RSS ${mb(postgres.rss)} PSS ${mb(postgres.pss)}` +
      ` | total PSS ${mb(total)} = ${(total / TARGET_MB).toFixed(2)}x target (${total <= TARGET_MB ? 'met' : 'missed'})`,
  )
}
