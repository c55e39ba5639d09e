/**
 * Matchmaking's rule, pure: which open match a player goes into. The repository runs it under one
 * lock (match.repository.ts), so two players deciding at once cannot both take the last seat.
 */
export interface MatchmakingRules {
  /** Players per match (the game server's slots). */
  capacity: number
  /** How long a new match lasts. */
  matchSeconds: number
  /** A match with less time left than this takes no more players. */
  minSecondsLeft: number
}

export interface OpenMatch {
  matchId: string
  players: number
  capacity: number
  /** Unix ms. */
  endsAt: number
}

/** Still worth joining: a seat free, and enough time left to play. */
export function isJoinable(match: OpenMatch, rules: MatchmakingRules, nowMs: number): boolean {
  return match.players < match.capacity && match.endsAt - nowMs >= rules.minSecondsLeft * 1000
}

/**
 * The fullest joinable match, so matches fill up and start feeling alive instead of spreading
 * players thin; among equally full ones, the one with the most time left. Undefined: open a new one.
 */
export function chooseMatch(open: OpenMatch[], rules: MatchmakingRules, nowMs: number): OpenMatch | undefined {
  let best: OpenMatch | undefined
  for (const match of open) {
    if (!isJoinable(match, rules, nowMs)) continue
    if (!best || match.players > best.players || (match.players === best.players && match.endsAt > best.endsAt))
      best = match
  }
  return best
}

export const newMatchEndsAt = (rules: MatchmakingRules, nowMs: number): number => nowMs + rules.matchSeconds * 1000
