import { applyMove, type Position, type Stick } from './movement'
import type { InputCommand } from './protocol'

/**
 * Client-side prediction with server reconciliation (the Node client's; web/ has the browser's).
 *
 * The client moves its own player the moment it samples the stick, with the server's movement
 * rule, instead of waiting a round trip for the snapshot. It keeps every input the server has
 * not acknowledged yet. When a snapshot arrives it says "at tick T, having applied your input
 * #ack, you were at (x, y)": the client drops inputs up to #ack, starts from the server's
 * position and replays the rest. If client and server agree, the replayed position equals the
 * predicted one and the player sees no correction; if they disagree (a lost input, a wall the
 * client did not know about), the server wins.
 */
const MAX_PENDING = 120

export class Prediction {
  private pending: InputCommand[] = []
  private nextInputSeq = 1
  private lastAck = 0
  /** Where the client shows its own player now. */
  position: Position

  constructor(start: Position) {
    this.position = { ...start }
  }

  /** Samples the stick for one tick: moves the player at once and returns the input to send. */
  applyInput(stick: Stick): InputCommand {
    const input = { inputSeq: this.nextInputSeq++, moveX: stick.moveX, moveY: stick.moveY }
    this.pending.push(input)
    // A server that acknowledges nothing for 2 s (not bound yet, a dead link) must not grow this forever.
    if (this.pending.length > MAX_PENDING) this.pending.shift()
    this.position = applyMove(this.position, input)
    return input
  }

  /**
   * Reconciles with a snapshot; returns how far the prediction was from where the server's state
   * puts the player (0 when they agree), the "reconcile error" the bots report. Snapshots older
   * than one already used (UDP reorders) are ignored.
   */
  reconcile(ackInputSeq: number, server: Position): number {
    if (ackInputSeq < this.lastAck) return 0
    this.lastAck = ackInputSeq
    this.pending = this.pending.filter((input) => input.inputSeq > ackInputSeq)
    let replayed: Position = { x: server.x, y: server.y }
    for (const input of this.pending) replayed = applyMove(replayed, input)
    const error = Math.hypot(replayed.x - this.position.x, replayed.y - this.position.y)
    this.position = replayed
    return error
  }

  /** The unacknowledged inputs to resend, oldest first (at most `max`: the datagram's limit). */
  unacknowledged(max = 8): InputCommand[] {
    return this.pending.slice(-max)
  }

  get pendingCount(): number {
    return this.pending.length
  }
}
