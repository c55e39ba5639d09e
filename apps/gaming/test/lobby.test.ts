import { hopIs, newTraceparent, runModes, waitFor, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { matchTickets } from '../src/shared/match-ticket'
import { PickupCollectedEvent, PlayerJoinedEvent } from '../src/shared/topics'
import { bootLobby, type RunningLobby, uniqueId } from './support/lobby'

interface MatchView {
  matchId: string
  status: 'open' | 'finished'
  results?: Array<{ playerId: string; name: string; points: number; rank: number }>
}

describe.each(runModes())('lobby, matchmaking, stats and leaderboards (%s)', (mode) => {
  let lobby: RunningLobby
  const lobbyMatches = async () =>
    (
      await lobby.request<{ matches: Array<{ matchId: string; players: number; capacity: number }> }>(
        'GET',
        '/api/lobby',
      )
    ).body.data!.matches
  const matchView = async (matchId: string) =>
    (await lobby.request<MatchView>('GET', `/api/matches/${matchId}`)).body.data!
  const statsOf = async (playerId: string) => (await lobby.request('GET', `/api/players/${playerId}/stats`)).body.data

  beforeAll(async () => {
    lobby = await bootLobby(mode)
  })
  afterAll(async () => {
    await lobby?.stop()
  })

  it('places 40 players asking at once into one full match of 32 and a second of 8, never more', async () => {
    const players = await Promise.all(Array.from({ length: 40 }, (_, i) => lobby.signUp(`Racer ${i}`)))
    const replies = await Promise.all(players.map((player) => lobby.matchmake(player.token)))
    expect(replies.map((reply) => reply.status)).toEqual(players.map(() => 200))
    const byMatch = new Map<string, number>()
    for (const reply of replies) byMatch.set(reply.body.data!.matchId, (byMatch.get(reply.body.data!.matchId) ?? 0) + 1)
    expect([...byMatch.values()].sort((a, b) => b - a)).toEqual([32, 8])
    const listed = await lobbyMatches()
    expect(listed.map((match) => [match.players, match.capacity]).sort((a, b) => b[0]! - a[0]!)).toEqual([
      [32, 32],
      [8, 32],
    ])

    // Asking again gets the same match back (no second seat); a newcomer joins the fullest match with room.
    const again = await lobby.matchmake(players[0]!.token)
    expect(again.body.data!.matchId).toBe(replies[0]!.body.data!.matchId)
    const newcomer = await lobby.matchmake((await lobby.signUp('Newcomer')).token)
    const smaller = [...byMatch].find(([, count]) => count === 8)![0]
    expect(newcomer.body.data!.matchId).toBe(smaller)
    expect((await lobbyMatches()).map((match) => match.players).sort((a, b) => b - a)).toEqual([32, 9])
  })

  it('answers matchmaking with a ticket the game server can verify and the addresses to play on', async () => {
    const ada = await lobby.signUp('Ada')
    expect(ada.playerId).toMatch(/^p_/)
    const reply = await lobby.matchmake(ada.token)
    expect(reply.status).toBe(200)
    const placement = reply.body.data!
    const claims = matchTickets(lobby.env.GRPC_SECRET!).verify(placement.ticket)
    expect(claims).toMatchObject({
      playerId: ada.playerId,
      name: 'Ada',
      matchId: placement.matchId,
      endsAt: placement.endsAt,
    })
    expect(placement.endsAt).toBeGreaterThan(Date.now() + 15_000)
    expect(placement.udp).toBe(lobby.urls['game UDP'])
    expect(placement.tcp).toBe(lobby.urls['game TCP'])
    expect(placement.ws).toBe(lobby.urls['game WebSocket'])
    expect(placement.netem.udp).toMatch(/^[\w.-]+:\d+$/)
    expect(placement.netem.ws).toMatch(/^ws:\/\/.+\/play$/)
    expect(await matchView(placement.matchId)).toEqual({ matchId: placement.matchId, status: 'open' })
    expect(await statsOf(ada.playerId)).toEqual({
      playerId: ada.playerId,
      name: 'Ada',
      matches: 0,
      wins: 0,
      points: 0,
      bestPoints: 0,
    })
  })

  it('records a MatchEnded from Kafka: results, player totals, and the Redis leaderboard', async () => {
    const [ada, bob, cy] = await Promise.all(['Ada L', 'Bob K', 'Cy'].map((name) => lobby.signUp(name)))
    const first = (await lobby.matchmake(ada!.token)).body.data!.matchId
    const now = Date.now()
    await lobby.publishMatchEnded({
      matchId: first,
      startedAtMs: now - 120_000,
      endedAtMs: now,
      results: [
        { playerId: ada!.playerId, name: 'Ada L', points: 40, rank: 1 },
        { playerId: bob!.playerId, name: 'Bob K', points: 25, rank: 2 },
        { playerId: cy!.playerId, name: 'Cy', points: 10, rank: 3 },
      ],
    })
    const finished = await waitFor(
      async () => ((await matchView(first)).status === 'finished' ? matchView(first) : null),
      {
        timeoutMs: 20_000,
        what: 'the match recorded',
      },
    )
    expect(finished.results).toEqual([
      { playerId: ada!.playerId, name: 'Ada L', points: 40, rank: 1 },
      { playerId: bob!.playerId, name: 'Bob K', points: 25, rank: 2 },
      { playerId: cy!.playerId, name: 'Cy', points: 10, rank: 3 },
    ])

    const second = uniqueId('m')
    await lobby.publishMatchEnded({
      matchId: second,
      startedAtMs: now,
      endedAtMs: now + 60_000,
      results: [
        { playerId: bob!.playerId, name: 'Bob K', points: 30, rank: 1 },
        { playerId: ada!.playerId, name: 'Ada L', points: 5, rank: 2 },
      ],
    })
    await waitFor(async () => (await matchView(second)).status === 'finished', { timeoutMs: 20_000, what: 'match 2' })
    expect(await statsOf(ada!.playerId)).toEqual({
      playerId: ada!.playerId,
      name: 'Ada L',
      matches: 2,
      wins: 1,
      points: 45,
      bestPoints: 40,
    })
    expect(await statsOf(bob!.playerId)).toMatchObject({ matches: 2, wins: 1, points: 55, bestPoints: 30 })
    const board = await lobby.leaderboard(10)
    expect(board).toEqual([
      { rank: 1, playerId: bob!.playerId, name: 'Bob K', score: 55 },
      { rank: 2, playerId: ada!.playerId, name: 'Ada L', score: 45 },
      { rank: 3, playerId: cy!.playerId, name: 'Cy', score: 10 },
    ])
    expect(await lobby.leaderboard(2)).toEqual(board.slice(0, 2))

    // Kafka delivers at least once: the same two records again change nothing. A fresh record with
    // each replayed record's key lands behind it on its partition: once that one is recorded, the
    // replay has been handled too.
    const before = { ada: await statsOf(ada!.playerId), bob: await statsOf(bob!.playerId) }
    const replays = await lobby.statsDb.query('SELECT count(*)::int AS n FROM match_result_players')
    const dee = await lobby.signUp('Dee')
    const sentinels: string[] = []
    for (const matchId of [first, second]) {
      const { rows } = await lobby.statsDb.query('SELECT match_id FROM match_results WHERE match_id = $1', [matchId])
      expect(rows).toHaveLength(1)
      const view = await matchView(matchId)
      await lobby.publishMatchEnded({
        matchId,
        startedAtMs: matchId === first ? now - 120_000 : now,
        endedAtMs: matchId === first ? now : now + 60_000,
        results: view.results!,
      })
      const sentinel = uniqueId('m')
      sentinels.push(sentinel)
      await lobby.publishKeyed(matchId, {
        matchId: sentinel,
        startedAtMs: now,
        endedAtMs: now + 1,
        results: [{ playerId: dee.playerId, name: 'Dee', points: 1, rank: 1 }],
      })
    }
    for (const sentinel of sentinels)
      await waitFor(async () => (await matchView(sentinel)).status === 'finished', {
        timeoutMs: 20_000,
        what: sentinel,
      })
    expect(await statsOf(ada!.playerId)).toEqual(before.ada)
    expect(await statsOf(bob!.playerId)).toEqual(before.bob)
    expect(await statsOf(dee.playerId)).toMatchObject({ matches: 2, wins: 2, points: 2 })
    const after = await lobby.statsDb.query('SELECT count(*)::int AS n FROM match_result_players')
    expect(after.rows[0].n).toBe(replays.rows[0].n + 2) // the two sentinels' rows, nothing else
    expect((await lobby.leaderboard(10)).slice(0, 3)).toEqual(board)
  })

  it('counts joins and pickups once each, however often Kafka delivers them', async () => {
    const matchId = uniqueId('m')
    const joined = { matchId, playerId: 'p_joiner', name: 'Joiner', atMs: Date.now() }
    const pickups = [1, 2, 3].map((pickupId) => ({
      matchId,
      playerId: 'p_joiner',
      pickupId,
      tick: 100 + pickupId,
      points: 1,
    }))
    await lobby.publishEvent(PlayerJoinedEvent, joined, joined)
    await lobby.publishEvent(PickupCollectedEvent, ...pickups, ...pickups, pickups[0]!)
    const counts = async () =>
      (
        await lobby.statsDb.query<{ joins: number; pickups: number }>(
          `SELECT (SELECT count(*)::int FROM match_joins WHERE match_id = $1) AS joins,
                  (SELECT count(*)::int FROM match_pickups WHERE match_id = $1) AS pickups`,
          [matchId],
        )
      ).rows[0]!
    // Same key, same partition: the last record handled means all before it were.
    const sentinel = { ...pickups[0]!, pickupId: 99 }
    await lobby.publishEvent(PickupCollectedEvent, sentinel)
    await waitFor(async () => (await counts()).pickups === 4, { timeoutMs: 20_000, what: 'the pickups counted' })
    expect(await counts()).toEqual({ joins: 1, pickups: 4 })
  })

  it('serves the lobby and game pages with a policy that lets the game page reach the game and the proxy', async () => {
    for (const path of ['/', '/game.html']) {
      const page = await fetch(`${lobby.apiUrl}${path}`)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toContain('text/html')
      const policy = page.headers.get('content-security-policy')!
      expect(policy).toContain("script-src 'self'")
      const gameOrigin = new URL(lobby.urls['game WebSocket']!)
      expect(policy).toContain(`ws://${gameOrigin.host}`)
      const netemWs = (await lobby.matchmake((await lobby.signUp('Pager')).token)).body.data!.netem.ws
      expect(policy).toContain(`ws://${new URL(netemWs).host}`)
    }
    expect((await fetch(`${lobby.apiUrl}/wire/panel.js`)).status).toBe(200)
    // Nothing outside the page files leaves web/.
    for (const path of ['/../package.json', '/.env', '/%2e%2e/src/scenario.ts'])
      expect((await fetch(`${lobby.apiUrl}${path}`)).status).toBe(404)
  })

  it('carries trace context from the page through the api to PostgreSQL and to the loss proxy', async () => {
    const { token } = await lobby.signUp('Tracer')
    const matchmaking = newTraceparent()
    await lobby.request('POST', '/api/matchmaking', {
      body: {},
      headers: { authorization: `Bearer ${token}`, traceparent: matchmaking.traceparent },
    })
    await waitForTrace(
      lobby.wireUrl,
      matchmaking.traceId,
      (hops) =>
        hops.some(hopIs('http', 'SERVER', 'POST /api/matchmaking', /gaming-api/)) &&
        hops.some(hopIs('sql', 'CLIENT', undefined, /gaming-api/)),
    )
    const netem = newTraceparent()
    await lobby.request('GET', '/api/netem', { headers: { traceparent: netem.traceparent } })
    await waitForTrace(
      lobby.wireUrl,
      netem.traceId,
      (hops) =>
        hops.some(hopIs('http', 'CLIENT', 'GET /conditions', /gaming-api/)) &&
        hops.some(hopIs('http', 'SERVER', 'GET /conditions', /gaming-netem/)),
    )
  })
})
