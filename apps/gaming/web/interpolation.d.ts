// Types of interpolation.js for the Node unit tests; the page runs the .js.
interface Seen {
  slot: number
  x: number
  y: number
}
export class Interpolation {
  constructor(delayMs?: number)
  push(snapshot: { tick: number; players: Seen[] }, nowMs: number): void
  renderTick(nowMs: number): number
  playersAt(nowMs: number): Seen[]
  clear(): void
}
