/**
 * The client's half of the gateway's rate limit. The gateway closes a socket that sends more
 * frames a second than its ready frame announced (close 1008), so a client that fired its whole
 * outbox at once (60 sends typed offline, or every unacknowledged send after a reconnect) would
 * be closed, reconnect, fire them all again, and be closed again. Frames therefore leave through
 * this token bucket, set below the announced rate: network hops (a load balancer, TCP
 * coalescing) can bunch frames sent apart into one arrival.
 */
export class SendPacer {
  /** Share of the announced rate the client allows itself. */
  static readonly MARGIN = 0.8
  private capacity: number
  private tokens: number
  private updatedAt: number

  /** `framesPerSecond`: the gateway's limit; until the ready frame says, a conservative guess. */
  constructor(framesPerSecond: number, now: number) {
    this.capacity = SendPacer.allowance(framesPerSecond)
    this.tokens = this.capacity
    this.updatedAt = now
  }

  /** A new socket: the gateway starts its bucket full, and so does this one, at its announced rate. */
  reset(framesPerSecond: number, now: number): void {
    this.capacity = SendPacer.allowance(framesPerSecond)
    this.tokens = this.capacity
    this.updatedAt = now
  }

  /** Whole frames that may leave now. */
  available(now: number): number {
    this.refill(now)
    return Math.floor(this.tokens)
  }

  /** Spends one frame's token; false means wait. */
  take(now: number): boolean {
    this.refill(now)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  private refill(now: number): void {
    // The bucket refills its whole capacity every second, as the gateway's does.
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.capacity) / 1_000)
    this.updatedAt = now
  }

  private static allowance(framesPerSecond: number): number {
    return Math.max(1, Math.floor(framesPerSecond * SendPacer.MARGIN))
  }
}
