import { openServiceDatabase } from '@wired/db'
import { defineService, openRedis, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { matchTickets } from '../shared/match-ticket'
import { redisKeys } from '../shared/redis-keys'
import { MatchRepository } from './adapters/match.repository'
import { netemClient } from './adapters/netem.client'
import { PlayerRepository } from './adapters/player.repository'
import { StatsReader } from './adapters/stats.reader'
import type { ApiConfig } from './config'
import { playerTokens } from './domain/player-token'
import { buildApiApp } from './entrypoints/http-app'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The lobby: players, matchmaking (signed match tickets), stats, leaderboards, and the pages. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const redis = openRedis(deps, shutdown, config.redisUrl)
    const app = await buildApiApp({
      players: new PlayerRepository(pool),
      matches: new MatchRepository(pool),
      stats: new StatsReader(pool, config.statsSchema),
      redis,
      keys: redisKeys(config.redisKeyPrefix),
      netem: netemClient(config.netemControlUrl),
      tokens: playerTokens(config.grpcSecret),
      tickets: matchTickets(config.grpcSecret),
      logger,
      config,
    })
    app.addReadinessCheck('postgres', async () => {
      await pool.query('SELECT 1')
    })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    return { http: `http://${config.bindHost}:${port}` }
  }, logger)
}
