export type OfferAnswer = 'accepted' | 'declined' | 'expired' | 'withdrawn'

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
}
