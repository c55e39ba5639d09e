import { TokenBucket } from '@wired/ws'
import { describe, expect, it } from 'vitest'
import { SendPacer } from './send-pacer'

describe('SendPacer', () => {
  it('lets a burst of 80% of the announced rate through, then one frame per refill', () => {
    const pacer = new SendPacer(50, 0)
    let sent = 0
    while (pacer.take(0)) sent += 1
    expect(sent).toBe(40)
    expect(pacer.take(10)).toBe(false) // 10 ms refill 0.4 of a frame
    expect(pacer.take(25)).toBe(true) // 25 ms refill one
  })

  it('is never refused by the gateway bucket it follows, even when hops bunch frames together', () => {
    const pacer = new SendPacer(50, 0)
    const gateway = new TokenBucket(50, 1_000, 0) // what the gateway runs per socket
    let sent = 0
    let random = 7
    let lastArrival = 0
    for (let now = 0; now <= 10_000; now += 5) {
      while (pacer.take(now)) {
        sent += 1
        // Up to 150 ms late, in bursts: a later frame never overtakes an earlier one on TCP.
        random = (random * 1_103_515_245 + 12_345) % 2 ** 31
        lastArrival = Math.max(lastArrival, now + (random % 150))
        expect(gateway.take(lastArrival)).toBe(true)
      }
    }
    expect(sent).toBeGreaterThan(390) // about 40 a second for 10 s, plus the first burst
  })

  it('starts full again at the rate a new socket announces', () => {
    const pacer = new SendPacer(10, 0)
    while (pacer.take(0));
    pacer.reset(100, 0)
    expect(pacer.available(0)).toBe(80)
  })
})
