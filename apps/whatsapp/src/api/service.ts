import { openServiceDatabase } from '@wired/db'
import { defineService, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectMessages, connectUsers } from '../shared/clients'
import { MediaStore } from './adapters/media-store'
import type { ApiConfig } from './config'
import { buildApiApp } from './entrypoints/http-app'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The REST API: media, profile, settings, contacts, conversations, history and missed messages. */
export function createService(config: ApiConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const caller = { name: 'api', secret: config.grpcSecret }
    const users = connectUsers(config.usersAddress, caller)
    const messages = connectMessages(config.messageAddress, caller)
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
      allowedOrigins: config.allowedOrigins === '*' ? ['*'] : config.allowedOrigins,
      maxMediaBytes: config.maxMediaBytes,
      rateLimitPerMinute: config.rateLimitPerMinute,
      publicUrl: () => publicUrl,
    })
    app.addReadinessCheck('postgres', async () => {
      await pool.query('SELECT 1')
    })
    await app.listen({ host: config.bindHost, port: config.httpPort })
    shutdown.defer(() => app.close())
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.httpPort
    const httpUrl = `http://${config.bindHost}:${port}`
    publicUrl ||= httpUrl
    return { http: httpUrl }
  }, logger)
}
