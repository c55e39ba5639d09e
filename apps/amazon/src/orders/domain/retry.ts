import { setTimeout as sleep } from 'node:timers/promises'
import { isAppError } from '@wired/runtime'

/**
 * Retries a call that is safe to repeat (Reserve and Confirm are keyed by the order id) while
 * the service behind it is down or slow: UNAVAILABLE and DEADLINE_EXCEEDED only, every
 * `everyMs`, for at most `forMs`. This is what carries a checkout across an inventory restart.
 */
export async function retryIdempotent<T>(
  call: () => Promise<T>,
  options: { forMs: number; everyMs: number },
): Promise<T> {
  const until = Date.now() + options.forMs
  for (;;) {
    try {
      return await call()
    } catch (error) {
      const transient = isAppError(error) && (error.code === 'UNAVAILABLE' || error.code === 'DEADLINE_EXCEEDED')
      if (!transient || Date.now() + options.everyMs > until) throw error
      await sleep(options.everyMs)
    }
  }
}
