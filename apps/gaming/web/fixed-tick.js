/**
 * Calls `tick` 60 times a second on a timer, not requestAnimationFrame: inputs must go out at
 * the server's tick rate whatever the screen's refresh rate, and keep going when nothing is drawn.
 * setInterval drifts (it is clamped and delayed by other work), so the loop counts the ticks due
 * since it started and runs the missing ones.
 */
export function startFixedTick(tick, tickMs) {
  const startedAt = performance.now()
  let ticksDone = 0
  return setInterval(() => {
    const due = Math.floor((performance.now() - startedAt) / tickMs)
    // After a stall (a hidden tab) skip ahead instead of sending a burst of stale inputs.
    if (due - ticksDone > 4) ticksDone = due - 1
    while (ticksDone < due) {
      ticksDone++
      tick()
    }
  }, tickMs / 2)
}
