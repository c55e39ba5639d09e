/**
 * A token bucket without timers: it refills lazily from the time elapsed since the last take,
 * so 20,000 connections cost 20,000 pairs of numbers and no setInterval. `messages` is both the
 * burst size and the number of messages refilled every `perMs`.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number
  private readonly refillPerMs: number

  constructor(
    private readonly capacity: number,
    perMs: number,
    now: number,
  ) {
    if (!(capacity >= 1) || !(perMs > 0)) throw new RangeError('rate limit needs messages >= 1 and perMs > 0')
    this.tokens = capacity
    this.updatedAt = now
    this.refillPerMs = capacity / perMs
  }

  /** Takes one token; false means the caller is over its rate. */
  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs)
    this.updatedAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
