import { describe, expect, it } from 'vitest'
import { matchTickets, TICKET_TTL_SECONDS } from './match-ticket'

describe('match tickets', () => {
  const tickets = matchTickets('deployment secret')
  const claims = { playerId: 'p_1', name: 'Ada', matchId: 'm_1', endsAt: 1_700_000_000_000 }

  it('round-trips the claims it signed', () => {
    expect(tickets.verify(tickets.issue(claims, 1_000_000), 1_000_000)).toMatchObject(claims)
  })

  it('refuses a ticket from another secret, an edited one, a malformed one and an expired one', () => {
    const issued = tickets.issue(claims)
    expect(() => matchTickets('other secret').verify(issued)).toThrow('invalid match ticket')
    const [payload, mac] = issued.split('.') as [string, string]
    const edited = Buffer.from(JSON.stringify({ ...claims, matchId: 'm_2', expires: 9e9 })).toString('base64url')
    expect(() => tickets.verify(`${edited}.${mac}`)).toThrow('invalid match ticket')
    expect(() => tickets.verify(payload)).toThrow('malformed match ticket')
    expect(() => tickets.verify(42)).toThrow('malformed match ticket')
    const old = tickets.issue(claims, Date.now() - (TICKET_TTL_SECONDS + 1) * 1000)
    expect(() => tickets.verify(old)).toThrow('match ticket expired')
  })
})
