import { randomBytes } from 'node:crypto'
import { ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { MatchTickets } from '../../shared/match-ticket'
import type { MatchRepository } from '../adapters/match.repository'
import type { PlayerRepository } from '../adapters/player.repository'
import type { StatsReader } from '../adapters/stats.reader'
import type { GameEndpoints } from '../config'
import type { MatchmakingRules } from '../domain/matchmaking'
import type { PlayerTokens } from '../domain/player-token'
import { findMatch } from '../use-cases/find-match'
import { playerIdParams, signUpBody } from './schemas'

export interface PlayerRouteDeps {
  players: PlayerRepository
  matches: MatchRepository
  stats: StatsReader
  tokens: PlayerTokens
  tickets: MatchTickets
  rules: MatchmakingRules
  endpoints: GameEndpoints
}

/** Sign-up (a name gets a player id and a bearer token), matchmaking, and a player's totals. */
export function playerRoutes(app: FastifyInstance, deps: PlayerRouteDeps, auth: preHandlerAsyncHookHandler) {
  app.post<{ Body: { name: string } }>('/api/players', { schema: { body: signUpBody } }, async (request, reply) => {
    const player = { playerId: `p_${randomBytes(9).toString('base64url')}`, name: request.body.name }
    await deps.players.create(player)
    return reply.code(201).send(ok({ ...player, token: deps.tokens.issue(player.playerId) }))
  })

  // The body is `{}` (no options yet); a client sending none at all is served the same.
  app.post('/api/matchmaking', { preHandler: auth }, async (request) => {
    if (request.body !== undefined && !isEmptyObject(request.body))
      throw new AppError('INVALID_ARGUMENT', 'matchmaking takes an empty JSON object {}')
    return ok(await findMatch(requirePrincipal(request).id, deps))
  })

  app.get<{ Params: { playerId: string } }>(
    '/api/players/:playerId/stats',
    { schema: { params: playerIdParams } },
    async (request) => {
      const { playerId } = request.params
      const [player, totals] = await Promise.all([deps.players.find(playerId), deps.stats.totalsOf(playerId)])
      if (!player && !totals) throw new AppError('NOT_FOUND', `no player ${playerId}`)
      return ok({
        playerId,
        name: player?.name ?? totals!.name,
        matches: totals?.matches ?? 0,
        wins: totals?.wins ?? 0,
        points: totals?.points ?? 0,
        bestPoints: totals?.bestPoints ?? 0,
      })
    },
  )
}

const isEmptyObject = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0
