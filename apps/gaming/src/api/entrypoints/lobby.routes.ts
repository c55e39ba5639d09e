import { ok } from '@wired/http'
import type { RedisClient } from '@wired/redis'
import { AppError } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { RedisKeys } from '../../shared/redis-keys'
import { readPointsLeaderboard } from '../adapters/leaderboard.reader'
import type { MatchRepository } from '../adapters/match.repository'
import type { NetemClient } from '../adapters/netem.client'
import type { StatsReader } from '../adapters/stats.reader'
import { leaderboardQuery, matchIdParams, netemBody } from './schemas'

/** What anyone may read without signing up: open matches, one match, the leaderboard; and the proxy switch. */
export function lobbyRoutes(
  app: FastifyInstance,
  deps: { matches: MatchRepository; stats: StatsReader; redis: RedisClient; keys: RedisKeys; netem: NetemClient },
) {
  app.get('/api/lobby', async () => {
    const open = await deps.matches.listOpen(new Date())
    return ok({
      matches: open.map(({ matchId, players, capacity, endsAt }) => ({ matchId, players, capacity, endsAt })),
    })
  })

  app.get<{ Params: { matchId: string } }>(
    '/api/matches/:matchId',
    { schema: { params: matchIdParams } },
    async (request) => {
      const { matchId } = request.params
      const [match, results] = await Promise.all([deps.matches.find(matchId), deps.stats.resultsOf(matchId)])
      if (results) return ok({ matchId, status: 'finished', results })
      if (!match) throw new AppError('NOT_FOUND', `no match ${matchId}`)
      return ok({ matchId, status: 'open' })
    },
  )

  app.get<{ Querystring: { limit?: string } }>(
    '/api/leaderboards/points',
    { schema: { querystring: leaderboardQuery } },
    async (request) => {
      const entries = await readPointsLeaderboard(deps.redis, deps.keys, Number(request.query.limit ?? 10))
      return ok({ board: 'points', entries })
    },
  )

  // The page's "bad network" switch. Open to anyone on purpose: it is a teaching knob on a demo
  // deployment (a real one would not ship the proxy at all).
  app.get('/api/netem', async () => ok(await deps.netem.conditions()))
  app.put<{ Body: { dropPercent: number; delayMs: number; jitterMs: number } }>(
    '/api/netem',
    { schema: { body: netemBody } },
    async (request) => ok(await deps.netem.setConditions(request.body)),
  )
}
