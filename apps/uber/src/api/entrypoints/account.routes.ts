import { ok, type Principal, requirePrincipal } from '@wired/http'
import { AppError, hashPassword, verifyPassword } from '@wired/runtime'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Role, TokenIssuer } from '../../shared/auth/tokens'
import type { Accounts } from '../adapters/accounts'
import { driverSignupSchema, loginSchema, profileSchema, riderSignupSchema } from './schemas'

interface AccountDeps {
  accounts: Accounts
  tokens: TokenIssuer
  authenticate: preHandlerAsyncHookHandler
}

/** Signup, login and profile: plain request/response, so REST (the guide's "HTTP/REST (APIs)"). */
export function accountRoutes(app: FastifyInstance, { accounts, tokens, authenticate }: AccountDeps): void {
  app.post('/v1/riders', { schema: { body: riderSignupSchema } }, async (request, reply) => {
    const body = request.body as { email: string; name: string; password: string }
    const rider = await accounts.addRider(body.email.toLowerCase(), body.name, await hashPassword(body.password))
    return reply.code(201).send(ok({ rider, token: tokens.issue(rider.id, 'rider') }))
  })

  app.post('/v1/drivers', { schema: { body: driverSignupSchema } }, async (request, reply) => {
    const body = request.body as { id: string; name: string; vehicle: string; password: string }
    const driver = await accounts.addDriver(body.id, body.name, body.vehicle, await hashPassword(body.password))
    return reply.code(201).send(ok({ driver, token: tokens.issue(driver.id, 'driver') }))
  })

  // Login is where passwords get guessed: a tighter limit than the rest of the API.
  app.post(
    '/v1/sessions',
    { schema: { body: loginSchema }, config: { rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (request) => {
      const { role, login, password } = request.body as { role: Role; login: string; password: string }
      const stored =
        role === 'rider'
          ? await accounts.riderCredentials(login.toLowerCase())
          : await accounts.driverCredentials(login)
      // One message for "no such user" and "wrong password": logins are not to be enumerated.
      if (!stored || !(await verifyPassword(password, stored.password_hash)))
        throw new AppError('UNAUTHENTICATED', 'wrong login or password')
      return ok({ id: stored.id, role, token: tokens.issue(stored.id, role) })
    },
  )

  app.get('/v1/me', { preHandler: authenticate }, async (request) => {
    const { id, role } = who(request)
    if (role === 'rider') return ok({ role, ...(await found(accounts.rider(id))) })
    const driver = await found(accounts.driver(id))
    return ok({ role, ...driver, behaviour: await accounts.driverBehaviour(id) })
  })

  app.patch('/v1/me', { preHandler: authenticate, schema: { body: profileSchema } }, async (request) => {
    const { id, role } = who(request)
    const { name } = request.body as { name: string }
    if (role === 'rider') await accounts.renameRider(id, name)
    else await accounts.renameDriver(id, name)
    return ok({ id, role, name })
  })
}

export function who(request: FastifyRequest): { id: string; role: Role } {
  const principal: Principal = requirePrincipal(request)
  return { id: principal.id, role: principal.roles?.[0] as Role }
}

async function found<T>(value: Promise<T | undefined>): Promise<T> {
  const result = await value
  if (result === undefined) throw new AppError('NOT_FOUND', 'account no longer exists')
  return result
}
