import type { TickStats } from '../domain/tick-stats'

/** Ticks the loop runs back to back to catch up after a stall, before it gives the time up. */
const MAX_CATCH_UP_TICKS = 5

/**
 * A fixed-rate loop that does not drift: tick n is scheduled at start + n × period (absolute
 * time), not "period after the last one ended", so a slow tick does not push every later tick
 * back. setTimeout alone wakes up to a few ms late, so it is set ~1.5 ms early and the last
 * stretch is waited out with setImmediate (cheap turns of the event loop, which also serve the
 * sockets meanwhile). After a stall (GC, a busy machine) the missed ticks run back to back, up
 * to 5: the simulation keeps pace with the clients' 60 inputs a second, so their input queues
 * drain. A longer stall is not made up: the schedule restarts from now.
 */
export function startTickLoop(hz: number, step: () => void, stats: TickStats): () => void {
  const periodMs = 1000 / hz
  let start = performance.now()
  let n = 1
  let timer: NodeJS.Timeout | NodeJS.Immediate | undefined
  let stopped = false

  const run = () => {
    if (stopped) return
    let now = performance.now()
    if (now > start + (n + MAX_CATCH_UP_TICKS) * periodMs) {
      start = now - periodMs
      n = 1
    }
    while (now >= start + n * periodMs - 0.05) {
      step()
      const ended = performance.now()
      stats.record(ended - now, now - (start + n * periodMs))
      n += 1
      now = ended
    }
    const wait = start + n * periodMs - performance.now()
    timer = wait > 2 ? setTimeout(run, wait - 1.5) : setImmediate(run)
  }
  timer = setTimeout(run, periodMs)
  return () => {
    stopped = true
    clearTimeout(timer as NodeJS.Timeout)
    clearImmediate(timer as NodeJS.Immediate)
  }
}
