import { describe, expect, it } from 'vitest'
import { DriverDepartures, OfferBook } from './offers'

describe('OfferBook', () => {
  it("answers a driver's open offer `gone` when the driver leaves, long before it expires", async () => {
    const book = new OfferBook()
    const answer = book.offer('ride-1', 'd-1', 60_000, async () => {})
    book.driverLeft('d-2') // someone else: nothing happens
    expect(book.holder('ride-1')).toBe('d-1')
    book.driverLeft('d-1')
    expect(await answer).toBe('gone')
    expect(book.driversHoldingOffers().size).toBe(0)
  })
})

describe('DriverDepartures', () => {
  it('knows who left since a moment, until the driver says online again', () => {
    let now = 1_000
    const departures = new DriverDepartures(() => now)
    departures.left('d-1')
    expect(departures.leftSince('d-1', 900)).toBe(true)
    expect(departures.leftSince('d-1', 1_100)).toBe(false) // left before that search
    expect(departures.leftSince('d-2', 0)).toBe(false)
    departures.returned('d-1')
    expect(departures.leftSince('d-1', 0)).toBe(false)
    departures.left('d-1')
    now += 10 * 60_000
    departures.left('d-3') // prunes departures older than five minutes
    expect(departures.leftSince('d-1', 0)).toBe(false)
    expect(departures.leftSince('d-3', now)).toBe(true)
  })
})
