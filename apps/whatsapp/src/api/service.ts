import { fileURLToPath } from 'node:url'
import { type Logger, silentLogger } from '@wired/runtime'
import { connectMessages, connectUsers } from '../shared/clients'
import { openServiceDatabase } from '../shared/database'
import { type Service, Shutdown } from '../shared/service'
import { MediaStore } from './adapters/media-store'
import type { ApiConfig } from './config'
import { buildApiApp } from './entrypoints/http-app'

const migrations = fileURLToPath(new URL('./migrations', import.meta.url))

/** The REST API: media, profile, settings, contacts, conversations, history and missed messages. */
export function createApiService(config: ApiConfig, deps: { logger?: Logger } = {}): Service<{ httpUrl: string }> {
  const logger = deps.logger ?? silentLogger
  const shutdown = new Shutdown(logger)
  return {
    async start() {
      const pool = await openServiceDatabase(config.databaseUrl, config.databaseSchema, migrations, { logger })
      shutdown.defer(() => pool.end())
      const users = connectUsers(config.usersAddress)
      const messages = connectMessages(config.messageAddress)
      shutdown.defer(() => {
        users.close()
        messages.close()
      })
      let publicUrl = config.publicUrl ?? ''
      const app = buildApiApp({
        users,
        messages,
        media: new MediaStore(pool),
        logger,
        allowedOrigins: config.allowedOrigins,
        maxMediaBytes: config.maxMediaBytes,
        rateLimitPerMinute: config.rateLimitPerMinute,
        publicUrl: () => publicUrl,
      })
      app.addReadinessCheck('postgres', async () => {
        await pool.query('SELECT 1')
      })
      await app.listen({ host: config.httpHost, port: config.httpPort })
      shutdown.defer(() => app.close())
      const address = app.server.address()
      const port = typeof address === 'object' && address ? address.port : config.httpPort
      publicUrl ||= `http://${config.httpHost}:${port}`
      return { httpUrl: `http://${config.httpHost}:${port}` }
    },
    stop: () => shutdown.run(),
  }
}
