import { AppError, silentLogger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearerAuth, requirePrincipal } from './auth'
import { ok } from './envelope'
import { createHttpServer } from './server'

let app: FastifyInstance

beforeEach(() => {
  app = createHttpServer({ name: 'test', logger: silentLogger, rateLimit: false })
  const verify = async (token: string) => {
    if (token === 'good') return { id: 'u1', roles: ['rider'] }
    if (token === 'suspended') throw new AppError('PERMISSION_DENIED', 'account suspended')
    if (token === 'auth-down') throw new AppError('UNAVAILABLE', 'identity service unavailable')
    throw new Error('jwt malformed')
  }
  app.get('/me', { preHandler: bearerAuth(verify) }, async (request) => ok(requirePrincipal(request)))
  app.get('/open', async (request) => ok({ principal: request.principal }))
})
afterEach(() => app.close())

const me = (authorization?: string) =>
  app.inject({ method: 'GET', url: '/me', headers: authorization ? { authorization } : {} })

describe('bearerAuth', () => {
  it('attaches the principal for a valid token', async () => {
    const response = await me('Bearer good')
    expect(response.json()).toEqual({ data: { id: 'u1', roles: ['rider'] }, errors: [] })
  })

  it('answers 401 with WWW-Authenticate for a missing, non-bearer or invalid token', async () => {
    for (const header of [undefined, 'Basic dTpw', 'Bearer bad']) {
      const response = await me(header)
      expect(response.statusCode).toBe(401)
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
      expect(response.json().errors[0].code).toBe('UNAUTHENTICATED')
    }
    expect((await me('Bearer bad')).body).not.toContain('jwt malformed')
  })

  it('keeps 403 for a forbidden principal and 503 when the verifier is down', async () => {
    expect((await me('Bearer suspended')).statusCode).toBe(403)
    expect((await me('Bearer auth-down')).statusCode).toBe(503)
  })

  it('leaves routes without the preHandler anonymous', async () => {
    const response = await app.inject({ method: 'GET', url: '/open' })
    expect(response.json().data).toEqual({ principal: null })
  })
})
