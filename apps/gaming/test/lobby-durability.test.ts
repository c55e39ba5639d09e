import { setTimeout as sleep } from 'node:timers/promises'
import type { MatchEnded } from '@wired/proto/gaming/v1/events'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootLobby, type RunningLobby, uniqueId } from './support/lobby'

const MATCHES = 60
const PLAYERS = 8

/** Match i: four of the eight players, points from a fixed formula, rank 1 for the most points (ties share). */
function matchNumber(i: number, players: Array<{ playerId: string; name: string }>): MatchEnded {
  const seated = [0, 1, 2, 3].map((j) => ({ ...players[(i + j * 2) % PLAYERS]!, points: (i * 7 + j * 13) % 50 }))
  return {
    matchId: uniqueId(`m${i}`),
    startedAtMs: 1_700_000_000_000 + i * 1000,
    endedAtMs: 1_700_000_000_000 + i * 1000 + 500,
    results: seated.map((seat) => ({ ...seat, rank: 1 + seated.filter((other) => other.points > seat.points).length })),
  }
}

describe.each(runModes())('the stats service killed with -9 while matches end (%s)', (mode) => {
  let lobby: RunningLobby

  beforeAll(async () => {
    lobby = await bootLobby(mode)
  })
  afterAll(async () => {
    await lobby?.stop()
  })

  it('records every match exactly once after its restart, and the leaderboard equals PostgreSQL', async () => {
    if (!lobby.processes) throw new Error('this mode cannot kill a service')
    const players = await Promise.all(Array.from({ length: PLAYERS }, (_, i) => lobby.signUp(`Survivor ${i}`)))
    const matches = Array.from({ length: MATCHES }, (_, i) => matchNumber(i, players))
    const recorded = async () =>
      (await lobby.statsDb.query<{ n: number }>('SELECT count(*)::int AS n FROM match_results')).rows[0]!.n

    // Forty matches end; the stats service dies mid-way through them (no shutdown handler on real
    // infra: whatever it had handled but not committed to Kafka is redelivered).
    await lobby.publishMatchEnded(...matches.slice(0, 40))
    await waitFor(async () => (await recorded()) >= 1, { timeoutMs: 20_000, what: 'the first match recorded' })
    await lobby.processes.kill('stats')
    const atKill = await recorded()
    // Twenty more end while it is down: Kafka keeps them.
    await lobby.publishMatchEnded(...matches.slice(40, 50))
    await sleep(300)
    await lobby.processes.start('stats')
    await lobby.publishMatchEnded(...matches.slice(50))
    await waitFor(async () => (await recorded()) === MATCHES, {
      timeoutMs: 45_000,
      what: `${MATCHES} matches recorded`,
    })
    console.log(`stats (${mode}): ${atKill} of 40 matches recorded at the kill; all ${MATCHES} after the restart`)

    // Exactly once: per player, as many matches and points as the published results say.
    const expected = new Map(players.map((p) => [p.playerId, { matches: 0, points: 0, wins: 0 }]))
    for (const match of matches)
      for (const result of match.results) {
        const totals = expected.get(result.playerId)!
        totals.matches++
        totals.points += result.points
        if (result.rank === 1) totals.wins++
      }
    const seats = await lobby.statsDb.query<{ n: number }>('SELECT count(*)::int AS n FROM match_result_players')
    expect(seats.rows[0]!.n).toBe(MATCHES * 4)
    for (const player of players) {
      const stats = (await lobby.request('GET', `/api/players/${player.playerId}/stats`)).body.data
      expect(stats).toMatchObject({ playerId: player.playerId, name: player.name, ...expected.get(player.playerId) })
    }

    // The leaderboard (Redis) is exactly the PostgreSQL totals, once the last copy has landed.
    const totals = await lobby.totalsInPostgres()
    const board = await waitFor(
      async () => {
        const entries = await lobby.leaderboard(100)
        return entries.length === PLAYERS && entries.every((e) => totals.get(e.playerId) === e.score) ? entries : null
      },
      { timeoutMs: 10_000, what: 'the leaderboard equal to PostgreSQL' },
    )
    expect(new Map(board.map((entry) => [entry.playerId, entry.score]))).toEqual(
      new Map([...expected].map(([playerId, t]) => [playerId, t.points])),
    )
    expect(board.map((entry) => entry.score)).toEqual([...board.map((entry) => entry.score)].sort((a, b) => b - a))
  }, 90_000)
})
