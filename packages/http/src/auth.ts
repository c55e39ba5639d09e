import { AppError, isAppError } from '@wired/runtime'
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'

/** Who is calling, as established by a verified token. Scenarios read `roles` for 403 decisions. */
export interface Principal {
  readonly id: string
  readonly roles?: readonly string[]
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by bearerAuth; null on routes that do not authenticate. */
    principal: Principal | null
  }
}

/**
 * A preHandler that authenticates `Authorization: Bearer <token>` (RFC 6750):
 * - no header, another scheme, or `verify` rejecting with anything but an AppError → 401 with
 *   `WWW-Authenticate: Bearer`, so any token library's "jwt malformed" becomes a clean 401;
 * - `verify` rejecting with an AppError keeps its code: PERMISSION_DENIED → 403 (valid token,
 *   suspended account), UNAVAILABLE → 503 (the auth backend is down: a 401 there would tell
 *   every client to throw its token away and log the user out).
 * On success the principal is on `request.principal`.
 */
export function bearerAuth(verify: (token: string) => Promise<Principal>): preHandlerAsyncHookHandler {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const token = bearerToken(request.headers.authorization)
    if (token === undefined) {
      reply.header('www-authenticate', 'Bearer')
      throw new AppError('UNAUTHENTICATED', 'missing bearer token')
    }
    try {
      request.principal = await verify(token)
    } catch (error) {
      if (isAppError(error) && error.code !== 'UNAUTHENTICATED') throw error
      reply.header('www-authenticate', 'Bearer error="invalid_token"')
      throw isAppError(error) ? error : new AppError('UNAUTHENTICATED', 'invalid bearer token')
    }
  }
}

/** For handlers behind bearerAuth: the principal, or a 401 if the route forgot the preHandler. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === null) throw new AppError('UNAUTHENTICATED', 'authentication required')
  return request.principal
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header)
  return match?.[1]
}
