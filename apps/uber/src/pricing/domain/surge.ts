/**
 * Surge per cell from two streams: ride requests (demand) and driver positions (supply).
 * Both arrive through Kafka at least once, so the board counts *distinct* rides and drivers:
 * a redelivered record changes nothing.
 *
 *   ratio = requests in the last demandWindowMs / available drivers seen in the last supplyWindowMs
 *   multiplier = 1 while ratio ≤ 1, then rises by `step` per unit of ratio above 1, capped at `max`
 *
 * It falls as soon as supply returns (more drivers in the cell) or demand ages out of the window.
 */
export interface SurgeOptions {
  demandWindowMs: number
  supplyWindowMs: number
  step: number
  max: number
}

export const DEFAULT_SURGE: SurgeOptions = { demandWindowMs: 5 * 60_000, supplyWindowMs: 30_000, step: 0.5, max: 3 }

export interface CellSurge {
  cellId: string
  multiplier: number
  demand: number
  supply: number
}

interface DriverSighting {
  cellId: string
  at: number
  available: boolean
}

export class SurgeBoard {
  private readonly requests = new Map<string, { cellId: string; at: number }>()
  private readonly drivers = new Map<string, DriverSighting>()

  constructor(private readonly options: SurgeOptions = DEFAULT_SURGE) {}

  recordRequest(rideId: string, cellId: string, at: number): void {
    if (!this.requests.has(rideId)) this.requests.set(rideId, { cellId, at })
  }

  /** A position report: the driver counts as supply in this cell until the window passes. */
  recordDriver(driverId: string, cellId: string, at: number, available: boolean): void {
    const previous = this.drivers.get(driverId)
    // Out-of-order redelivery must not move a driver back to where it was.
    if (previous && previous.at > at) return
    this.drivers.set(driverId, { cellId, at, available })
  }

  surgeAt(cellId: string, now: number): CellSurge {
    return this.snapshot(now).get(cellId) ?? { cellId, multiplier: 1, demand: 0, supply: 0 }
  }

  snapshot(now: number): Map<string, CellSurge> {
    this.forgetOlderThan(now)
    const cells = new Map<string, CellSurge>()
    const cell = (cellId: string) => {
      const entry = cells.get(cellId) ?? { cellId, multiplier: 1, demand: 0, supply: 0 }
      cells.set(cellId, entry)
      return entry
    }
    for (const request of this.requests.values()) cell(request.cellId).demand++
    for (const sighting of this.drivers.values()) if (sighting.available) cell(sighting.cellId).supply++
    for (const entry of cells.values()) entry.multiplier = this.multiplier(entry.demand, entry.supply)
    return cells
  }

  private multiplier(demand: number, supply: number): number {
    const ratio = demand / Math.max(1, supply)
    if (ratio <= 1) return 1
    const raw = Math.min(this.options.max, 1 + (ratio - 1) * this.options.step)
    return Math.round(raw * 10) / 10
  }

  private forgetOlderThan(now: number): void {
    for (const [rideId, request] of this.requests)
      if (request.at < now - this.options.demandWindowMs) this.requests.delete(rideId)
    for (const [driverId, sighting] of this.drivers)
      if (sighting.at < now - this.options.supplyWindowMs) this.drivers.delete(driverId)
  }
}
