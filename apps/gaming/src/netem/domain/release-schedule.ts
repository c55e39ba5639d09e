/**
 * When a delayed chunk may leave the proxy.
 *
 * UDP needs no schedule: each datagram simply waits its own sampled delay, so with jitter a later
 * datagram can overtake an earlier one. That is real UDP behaviour, and why the game's datagrams
 * carry `seq`.
 *
 * TCP and the WebSocket pipe (`OrderedRelease`): a byte stream must come out in the order it went
 * in, so a chunk is never released before the chunk ahead of it in the same direction: jitter
 * there shows up as bursts (head-of-line blocking), never as reordering. No chunk is dropped on a
 * stream either: a real lossy link would make TCP retransmit, which the reader sees as extra delay,
 * not as loss, and a proxy that lost bytes of a stream would corrupt it instead of delaying it.
 */
export class OrderedRelease {
  private lastReleaseAt = Number.NEGATIVE_INFINITY

  /** The release time of the next chunk: its own delay, or just after the chunk ahead of it. */
  next(nowMs: number, delayMs: number): number {
    this.lastReleaseAt = Math.max(nowMs + delayMs, this.lastReleaseAt)
    return this.lastReleaseAt
  }
}
