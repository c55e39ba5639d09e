import cors from '@fastify/cors'
import { bearerAuth, createHttpServer } from '@wired/http'
import type { Logger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import type { MessageClient, UsersClient } from '../../shared/clients'
import type { MediaStore } from '../adapters/media-store'
import { originAllowed } from '../domain/origins'
import { accountRoutes } from './account.routes'
import { conversationRoutes } from './conversation.routes'
import { mediaRoutes } from './media.routes'

export interface ApiAppDeps {
  users: UsersClient
  messages: MessageClient
  media: MediaStore
  logger: Logger
  allowedOrigins: string[]
  maxMediaBytes: number
  rateLimitPerMinute: number
  /** Resolved after listen(), since the port may be chosen by the OS. */
  publicUrl: () => string
}

/** Builds the REST app without listening (tests may inject; service.ts listens). */
export function buildApiApp(deps: ApiAppDeps): FastifyInstance {
  const app = createHttpServer({
    name: 'whatsapp-api',
    logger: deps.logger,
    rateLimit: { max: deps.rateLimitPerMinute, timeWindowMs: 60_000 },
  })
  // The browser page comes from a gateway (another origin): CORS lets exactly those origins call.
  app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && originAllowed(origin, deps.allowedOrigins)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    maxAge: 600,
  })

  // Every authenticated route asks the users service who the token belongs to (gRPC Authenticate).
  const auth = bearerAuth(async (token) => {
    const { user } = await deps.users.authenticate({ token })
    return { id: user!.userId }
  })
  accountRoutes(app, deps.users, auth)
  conversationRoutes(app, deps.users, deps.messages, auth)
  mediaRoutes(app, deps.media, auth, { maxBytes: deps.maxMediaBytes, publicUrl: deps.publicUrl })
  return app
}
