import { bearerAuth, createHttpServer } from '@wired/http'
import type { RedisClient } from '@wired/redis'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { MatchTickets } from '../../shared/match-ticket'
import type { RedisKeys } from '../../shared/redis-keys'
import type { MatchRepository } from '../adapters/match.repository'
import type { NetemClient } from '../adapters/netem.client'
import type { PlayerRepository } from '../adapters/player.repository'
import type { StatsReader } from '../adapters/stats.reader'
import type { ApiConfig } from '../config'
import type { PlayerTokens } from '../domain/player-token'
import { lobbyRoutes } from './lobby.routes'
import { playerRoutes } from './player.routes'
import { webRoutes } from './web.routes'

/** Every body here is a name, `{}` or three numbers: 4 KiB is generous, and a 1 MB body is refused unread (413). */
const BODY_LIMIT = 4 * 1024

export interface ApiAppDeps {
  players: PlayerRepository
  matches: MatchRepository
  stats: StatsReader
  redis: RedisClient
  keys: RedisKeys
  netem: NetemClient
  tokens: PlayerTokens
  tickets: MatchTickets
  logger: Logger
  config: Pick<ApiConfig, 'matchmaking' | 'endpoints' | 'rateLimitPerMinute' | 'wireCollectorUrl'>
}

/** The lobby's REST api and the two pages, built without listening (service.ts listens). */
export async function buildApiApp(deps: ApiAppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const app = createHttpServer({
    name: 'gaming-api',
    logger: deps.logger,
    bodyLimit: BODY_LIMIT,
    rateLimit: { max: config.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  // Player tokens are HMAC-signed (domain/player-token.ts): verified here, with no database read.
  const auth = bearerAuth(async (token) => ({ id: deps.tokens.verify(token) }))
  playerRoutes(app, { ...deps, rules: config.matchmaking, endpoints: config.endpoints }, auth)
  lobbyRoutes(app, deps)
  await webRoutes(app, { endpoints: config.endpoints, wireCollectorUrl: config.wireCollectorUrl })
  return app
}
