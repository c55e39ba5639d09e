import { AppError } from '@wired/runtime'

/** A finished match as the game server reported it (wired.gaming.v1.MatchEnded). */
export interface MatchOutcome {
  matchId: string
  startedAtMs: number
  endedAtMs: number
  results: Array<{ playerId: string; name: string; points: number; rank: number }>
}

/** What one match adds to one player's totals. */
export interface TotalsIncrement {
  playerId: string
  name: string
  points: number
  /** 1 for a player ranked first (ties share rank 1, and each gets the win), else 0. */
  win: 0 | 1
}

const ID = /^[A-Za-z0-9_-]{1,64}$/
/** Far above anything a two-minute match can score, far below the columns' 32-bit limit. */
const MAX_POINTS = 1_000_000

/**
 * Checks a MatchEnded before anything is written: a record that breaks these rules is poison (it
 * goes to the dead-letter topic after the retries), never half-applied.
 */
export function checkOutcome(outcome: MatchOutcome): void {
  if (!ID.test(outcome.matchId)) throw new AppError('INVALID_ARGUMENT', 'MatchEnded: bad match id')
  if (!(outcome.endedAtMs >= outcome.startedAtMs))
    throw new AppError('INVALID_ARGUMENT', 'MatchEnded: ends before it starts')
  const seen = new Set<string>()
  for (const result of outcome.results) {
    if (!ID.test(result.playerId)) throw new AppError('INVALID_ARGUMENT', 'MatchEnded: bad player id')
    if (seen.has(result.playerId)) throw new AppError('INVALID_ARGUMENT', `MatchEnded: ${result.playerId} listed twice`)
    if (result.rank < 1 || result.rank > outcome.results.length)
      throw new AppError('INVALID_ARGUMENT', 'MatchEnded: ranks run from 1 to the number of players')
    if (result.points > MAX_POINTS) throw new AppError('INVALID_ARGUMENT', 'MatchEnded: impossible points')
    seen.add(result.playerId)
  }
}

export function totalsIncrements(outcome: MatchOutcome): TotalsIncrement[] {
  return outcome.results.map((result) => ({
    playerId: result.playerId,
    name: result.name,
    points: result.points,
    win: result.rank === 1 ? 1 : 0,
  }))
}
