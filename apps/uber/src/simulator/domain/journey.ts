import type { Leg, Point } from '../../shared/city'

/**
 * A car following a planned route: `advance(seconds)` moves it along the legs at each street's
 * speed and returns where it is. Pure, so the simulator's driving can be tested without clocks.
 */
export class Journey {
  private leg = 0
  private metresIntoLeg = 0

  constructor(private readonly legs: Leg[]) {}

  get done(): boolean {
    return this.leg >= this.legs.length
  }

  /** Degrees clockwise from north, of the leg being driven. */
  get heading(): number {
    const leg = this.legs[Math.min(this.leg, this.legs.length - 1)]
    if (!leg) return 0
    const degrees = (Math.atan2(leg.to.x - leg.from.x, leg.to.y - leg.from.y) * 180) / Math.PI
    return (degrees + 360) % 360
  }

  get speedMps(): number {
    return this.done ? 0 : (this.legs[this.leg]?.speedMps ?? 0)
  }

  get position(): Point | undefined {
    const leg = this.legs[this.leg]
    if (!leg) return this.legs[this.legs.length - 1]?.to
    const t = this.metresIntoLeg / length(leg)
    return { x: leg.from.x + (leg.to.x - leg.from.x) * t, y: leg.from.y + (leg.to.y - leg.from.y) * t }
  }

  advance(seconds: number): Point | undefined {
    let remaining = seconds
    while (remaining > 0 && !this.done) {
      const leg = this.legs[this.leg]!
      const left = length(leg) - this.metresIntoLeg
      const reach = leg.speedMps * remaining
      if (reach < left) {
        this.metresIntoLeg += reach
        remaining = 0
      } else {
        remaining -= left / leg.speedMps
        this.leg++
        this.metresIntoLeg = 0
      }
    }
    return this.position
  }
}

const length = (leg: Leg) => Math.hypot(leg.to.x - leg.from.x, leg.to.y - leg.from.y)
