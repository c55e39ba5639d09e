import { describe, expect, it } from 'vitest'
import { chooseMatch, isJoinable, type MatchmakingRules, newMatchEndsAt } from './matchmaking'
import { playerTokens } from './player-token'

const rules: MatchmakingRules = { capacity: 4, matchSeconds: 120, minSecondsLeft: 15 }
const now = 1_000_000

describe('matchmaking rule', () => {
  it('picks the fullest match with room and time left, else none', () => {
    const open = [
      { matchId: 'm_a', players: 2, capacity: 4, endsAt: now + 60_000 },
      { matchId: 'm_full', players: 4, capacity: 4, endsAt: now + 60_000 },
      { matchId: 'm_ending', players: 3, capacity: 4, endsAt: now + 14_999 },
      { matchId: 'm_b', players: 3, capacity: 4, endsAt: now + 30_000 },
    ]
    expect(chooseMatch(open, rules, now)?.matchId).toBe('m_b')
    expect(chooseMatch(open.slice(1, 3), rules, now)).toBeUndefined()
    expect(isJoinable({ matchId: 'm', players: 0, capacity: 4, endsAt: now + 15_000 }, rules, now)).toBe(true)
  })

  it('breaks a tie by time left, and opens matches lasting matchSeconds', () => {
    const open = [
      { matchId: 'm_soon', players: 1, capacity: 4, endsAt: now + 20_000 },
      { matchId: 'm_later', players: 1, capacity: 4, endsAt: now + 90_000 },
    ]
    expect(chooseMatch(open, rules, now)?.matchId).toBe('m_later')
    expect(newMatchEndsAt(rules, now)).toBe(now + 120_000)
  })
})

describe('player tokens', () => {
  const tokens = playerTokens('a deployment secret of some length')
  it('round-trips and refuses forged, edited, malformed and expired tokens', () => {
    const token = tokens.issue('p_abc', now)
    expect(tokens.verify(token, now)).toBe('p_abc')
    expect(() => playerTokens('another secret').verify(token, now)).toThrow('invalid player token')
    expect(() => tokens.verify(token.replace('p_abc', 'p_abd'), now)).toThrow('invalid player token')
    expect(() => tokens.verify('p_abc', now)).toThrow('malformed player token')
    expect(() => tokens.verify(token, now + 8 * 24 * 3600 * 1000)).toThrow('player token expired')
  })
})
