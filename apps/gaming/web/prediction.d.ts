// Types of prediction.js for the Node unit tests; the page runs the .js.
import type { Input } from './datagrams.js'
import type { Position } from './movement.js'

export class Prediction {
  constructor(step?: (position: Position, input: { moveX: number; moveY: number }) => Position)
  position: Position | undefined
  pending: Input[]
  nextSeq: number
  lastAck: number
  lastError: number
  record(moveX: number, moveY: number): Input
  unacknowledged(max?: number): Input[]
  reconcile(snapshot: { ackInputSeq: number; x: number; y: number }): number
}
