/** `gone`: the driver's last will fired (or its driver socket closed) while it held the offer. */
export type OfferAnswer = 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'gone'

interface OpenOffer {
  driverId: string
  settle(answer: OfferAnswer): void
}

/**
 * Offers waiting for a driver's answer, one per ride. A driver holding an offer is not offered
 * another ride meanwhile. The book lives in the memory of the matching process that dispatches
 * the ride, which is why the backend's subscription to drivers/+/ride must reach that process
 * (one matching replica, or an MQTT shared subscription plus routing by ride: see the README).
 */
export class OfferBook {
  private readonly open = new Map<string, OpenOffer>()

  driversHoldingOffers(): Set<string> {
    return new Set([...this.open.values()].map((offer) => offer.driverId))
  }

  holder(rideId: string): string | undefined {
    return this.open.get(rideId)?.driverId
  }

  /** Sends the offer, then waits for the driver's answer, the timeout, or a withdrawal. */
  offer(rideId: string, driverId: string, timeoutMs: number, send: () => Promise<void>): Promise<OfferAnswer> {
    return new Promise<OfferAnswer>((resolve, reject) => {
      const timer = setTimeout(() => settle('expired'), timeoutMs)
      const settle = (answer: OfferAnswer) => {
        clearTimeout(timer)
        if (this.open.get(rideId)?.driverId === driverId) this.open.delete(rideId)
        resolve(answer)
      }
      this.open.set(rideId, { driverId, settle })
      send().catch((error: unknown) => {
        clearTimeout(timer)
        this.open.delete(rideId)
        reject(error)
      })
    })
  }

  /** False when this driver holds no open offer for the ride (expired, withdrawn, never made). */
  answer(rideId: string, driverId: string, answer: 'accepted' | 'declined'): boolean {
    const offer = this.open.get(rideId)
    if (offer?.driverId !== driverId) return false
    offer.settle(answer)
    return true
  }

  /** The rider cancelled: the driver holding the offer is released. Returns that driver. */
  withdraw(rideId: string): string | undefined {
    const offer = this.open.get(rideId)
    offer?.settle('withdrawn')
    return offer?.driverId
  }

  withdrawAll(): void {
    for (const rideId of [...this.open.keys()]) this.withdraw(rideId)
  }

  /** The driver went offline: its offer is answered `gone` now rather than expiring later. */
  driverLeft(driverId: string): void {
    for (const offer of [...this.open.values()]) if (offer.driverId === driverId) offer.settle('gone')
  }
}

// Long enough to cover a dispatch round's offers to candidates ranked before they left.
const REMEMBER_DEPARTURES_MS = 5 * 60_000

/**
 * Drivers who went offline (drivers/<id>/status = offline: an MQTT last will, a goodbye, or a
 * closed driver socket) and have not said `online` since. A round ranks its candidates once and
 * then offers one at a time, so a candidate can leave before its turn: it is skipped instead of
 * being offered a ride it can never answer.
 */
export class DriverDepartures {
  private readonly leftAt = new Map<string, number>()

  constructor(private readonly now: () => number = Date.now) {}

  left(driverId: string): void {
    const now = this.now()
    this.leftAt.delete(driverId) // re-insert: the map stays ordered by departure time
    this.leftAt.set(driverId, now)
    for (const [id, at] of this.leftAt) {
      if (at > now - REMEMBER_DEPARTURES_MS) break
      this.leftAt.delete(id)
    }
  }

  returned(driverId: string): void {
    this.leftAt.delete(driverId)
  }

  /** Whether the driver left at `since` or later (and has not come back). */
  leftSince(driverId: string, since: number): boolean {
    return (this.leftAt.get(driverId) ?? Number.NEGATIVE_INFINITY) >= since
  }
}
