/**
 * Client-side prediction with server reconciliation (the server stays authoritative):
 *
 * 1. every tick the client records an input, moves its own player at once with the server's rule
 *    (no waiting a round trip to see a key press take effect), and keeps the input as pending;
 * 2. every snapshot says where the server has the player after input `ackInputSeq`: the client
 *    starts again from there and replays the inputs the server has not applied yet.
 *
 * When nothing was lost and the rule matches, the replay lands exactly where the prediction was
 * (reconcile error 0); a dropped input or a wall the client did not know about shows as an error.
 */
import { step as serverStep } from './movement.js'

/** More pending inputs than this (2 s at 60 Hz) means the server is not answering: forget the oldest. */
const MAX_PENDING = 120

export class Prediction {
  /** @param {(position: {x:number,y:number}, input: {moveX:number,moveY:number}) => {x:number,y:number}} step */
  constructor(step = serverStep) {
    this.step = step
    /** Our position as predicted (undefined until the first snapshot). */
    this.position = undefined
    /** Inputs the server has not acknowledged yet, oldest first. */
    this.pending = []
    this.nextSeq = 1
    this.lastAck = 0
    /** How far the last reconciliation moved us (units): 0 when the prediction was right. */
    this.lastError = 0
  }

  /** Records this tick's input and applies it locally at once; returns it (to send). */
  record(moveX, moveY) {
    const input = { seq: this.nextSeq++, moveX, moveY }
    this.pending.push(input)
    if (this.pending.length > MAX_PENDING) this.pending.shift()
    if (this.position) this.position = this.step(this.position, input)
    return input
  }

  /** The newest `max` unacknowledged inputs, oldest first: what the next input datagram carries. */
  unacknowledged(max = 8) {
    return this.pending.slice(-max)
  }

  /**
   * Takes the server's word for our position after input `ackInputSeq`, then replays the inputs
   * it has not applied yet. Returns the reconcile error (units between the old and new prediction).
   */
  reconcile(snapshot) {
    // An older snapshot than one already used would move us back in time: keep what we have.
    if (snapshot.ackInputSeq < this.lastAck) return this.lastError
    // The first snapshot of a session may acknowledge inputs of an earlier one (a rejoin keeps the
    // player): number ours after it, or the server would skip them as already applied.
    if (!this.position) this.nextSeq = Math.max(this.nextSeq, snapshot.ackInputSeq + 1)
    this.lastAck = snapshot.ackInputSeq
    this.pending = this.pending.filter((input) => input.seq > this.lastAck)
    let position = { x: snapshot.x, y: snapshot.y }
    for (const input of this.pending) position = this.step(position, input)
    const before = this.position
    this.position = position
    this.lastError = before ? Math.hypot(before.x - position.x, before.y - position.y) : 0
    return this.lastError
  }
}
