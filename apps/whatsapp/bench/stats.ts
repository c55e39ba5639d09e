import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'

/** Nearest-rank percentile of unsorted samples (milliseconds). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/** Resident set size of a process, from /proc (Linux). */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
  if (!kib) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(kib) * 1024
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await task(items[index]!)
      }
    }),
  )
  return results
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ = 100)
}

/** CPU used by each named group of processes between start() and the returned stop(). */
export function cpuMeter(pids: Record<string, number[]>): () => Record<string, number> {
  // A process that exits meanwhile (a PostgreSQL backend) counts as having used nothing.
  const now = (pid: number) => {
    try {
      return cpuSeconds(pid)
    } catch {
      return undefined
    }
  }
  const before = new Map(Object.values(pids).flatMap((group) => group.map((pid) => [pid, now(pid)] as const)))
  const used = (pid: number) => {
    const [start, end] = [before.get(pid), now(pid)]
    return start === undefined || end === undefined ? 0 : end - start
  }
  return () =>
    Object.fromEntries(
      Object.entries(pids).map(([name, group]) => [name, group.reduce((sum, pid) => sum + used(pid), 0)]),
    )
}
