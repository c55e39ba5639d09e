import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import type { Harness } from '../test/support/harness'

/** The embedded scenario with its simulator, in a fresh process (bench/embedded-rss.ts): its RSS in MB. */
export async function embeddedMemory(settleMs: number): Promise<number> {
  const script = new URL('./embedded-rss.ts', import.meta.url).pathname
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, String(settleMs)], {
    timeout: settleMs + 60_000,
  })
  const match = /rss=(\d+)/.exec(stdout)
  if (!match) throw new Error(`embedded-rss printed no figure: ${stdout}`)
  return Number(match[1])
}

/** Real mode: the sum of every service process's resident memory (VmRSS). */
export function serviceMemory(h: Harness): number {
  let kb = 0
  for (const name of ['recorder', 'alerts', 'bridge', 'dashboard']) {
    const pid = h.booted.processes?.pidOf(name)
    if (!pid) continue
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    kb += Number(match?.[1] ?? 0)
  }
  return Math.round(kb / 1024)
}
