/**
 * Other players are drawn where they were ~100 ms ago, between the two snapshots around that
 * moment: snapshots arrive 60 times a second but unevenly (jitter, a lost one), and drawing the
 * newest one as it comes makes everyone else stutter. The price is that others are seen slightly
 * in the past, which is why the server, not the client, decides who touched what.
 */
import { TICK_RATE } from './movement.js'

const MS_PER_TICK = 1000 / TICK_RATE
/** Snapshots kept: a second's worth is plenty for a 100 ms delay. */
const KEEP = 60

export class Interpolation {
  /** @param {number} delayMs how far behind the newest snapshot others are drawn */
  constructor(delayMs = 100) {
    this.delayTicks = delayMs / MS_PER_TICK
    /** @type {{ tick: number, players: Map<number, {x:number,y:number}> }[]} oldest first */
    this.snapshots = []
    /** Local time (ms) at which the server was at tick 0, smoothed over arrivals. */
    this.tickZeroAt = undefined
  }

  /** Remembers a snapshot's players (ignoring one older than the newest kept). */
  push(snapshot, nowMs) {
    const newest = this.snapshots.at(-1)
    if (newest && snapshot.tick <= newest.tick) return
    this.snapshots.push({ tick: snapshot.tick, players: new Map(snapshot.players.map((p) => [p.slot, p])) })
    if (this.snapshots.length > KEEP) this.snapshots.shift()
    // The server's clock, estimated from arrivals: follow it slowly so one late packet does not jerk it.
    const zero = nowMs - snapshot.tick * MS_PER_TICK
    this.tickZeroAt = this.tickZeroAt === undefined ? zero : this.tickZeroAt + (zero - this.tickZeroAt) * 0.05
  }

  /** The server tick being drawn now (fractional). */
  renderTick(nowMs) {
    return this.tickZeroAt === undefined ? 0 : (nowMs - this.tickZeroAt) / MS_PER_TICK - this.delayTicks
  }

  /** Other players' positions to draw at `nowMs`: [{ slot, x, y }]. */
  playersAt(nowMs) {
    const at = this.renderTick(nowMs)
    const list = this.snapshots
    if (list.length === 0) return []
    let later = list.findIndex((snapshot) => snapshot.tick >= at)
    // Past the newest snapshot (a gap in arrivals): hold the newest rather than guess ahead.
    if (later === -1) later = list.length - 1
    const to = list[later]
    const from = list[Math.max(0, later - 1)]
    const span = to.tick - from.tick
    const t = span > 0 ? Math.max(0, Math.min(1, (at - from.tick) / span)) : 1
    return [...to.players.values()].map((player) => {
      const before = from.players.get(player.slot)
      // A player who just came into view has no earlier position: draw it where it is.
      if (!before) return { slot: player.slot, x: player.x, y: player.y }
      return { slot: player.slot, x: before.x + (player.x - before.x) * t, y: before.y + (player.y - before.y) * t }
    })
  }

  clear() {
    this.snapshots = []
    this.tickZeroAt = undefined
  }
}
