import { randomBytes } from 'node:crypto'
import { AppError } from '@wired/runtime'
import type { MatchTickets } from '../../shared/match-ticket'
import type { MatchRepository } from '../adapters/match.repository'
import type { PlayerRepository } from '../adapters/player.repository'
import type { GameEndpoints } from '../config'
import { chooseMatch, type MatchmakingRules, newMatchEndsAt } from '../domain/matchmaking'

export interface MatchPlacement extends GameEndpoints {
  matchId: string
  ticket: string
  endsAt: number
}

/**
 * Matchmaking, as a story: who is asking → already placed in a match still worth playing? that one
 * again (a page reload must not put the player in two matches) → else the fullest match with room
 * → else a new match → a signed ticket the game server checks without calling back.
 */
export async function findMatch(
  playerId: string,
  deps: {
    players: PlayerRepository
    matches: MatchRepository
    rules: MatchmakingRules
    tickets: MatchTickets
    endpoints: GameEndpoints
    nowMs?: number
  },
): Promise<MatchPlacement> {
  const player = await deps.players.find(playerId)
  if (!player) throw new AppError('UNAUTHENTICATED', 'no such player: sign up again')
  const nowMs = deps.nowMs ?? Date.now()
  // Matches that still take players end after this; a player's current match counts only then too.
  const worthJoining = new Date(nowMs + deps.rules.minSecondsLeft * 1000)

  const match = await deps.matches.underMatchmakingLock(async (lobby) => {
    const current = await lobby.currentMatchOf(playerId, worthJoining)
    if (current) return current
    const chosen = chooseMatch(await lobby.openMatches(worthJoining), deps.rules, nowMs)
    if (chosen) {
      await lobby.join(chosen.matchId, playerId)
      return chosen
    }
    const opened = { matchId: `m_${randomBytes(9).toString('base64url')}`, capacity: deps.rules.capacity }
    const endsAt = newMatchEndsAt(deps.rules, nowMs)
    await lobby.open({ ...opened, endsAt: new Date(endsAt) }, playerId)
    return { ...opened, players: 1, endsAt }
  })

  const ticket = deps.tickets.issue({ playerId, name: player.name, matchId: match.matchId, endsAt: match.endsAt })
  return { matchId: match.matchId, ticket, endsAt: match.endsAt, ...deps.endpoints }
}
