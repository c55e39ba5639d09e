import Fastify from 'fastify'
import mercurius from 'mercurius'
import type { UserJson } from '../payload'
import type { LabServer } from './lab-server'
import { portOf } from './rest'

/**
 * GraphQL with mercurius on fastify (HTTP/1.1): one query, `echo`, returns the User it was
 * given. `user_id` is a Float because GraphQL's Int is 32-bit and the guide's field is int64;
 * for 12345 both print the same JSON. Mercurius caches parsed and validated queries, as a
 * production server would, so repeated calls skip parsing.
 */
const schema = `
  type User { user_id: Float!, name: String!, email: String!, age: Int! }
  input UserInput { user_id: Float!, name: String!, email: String!, age: Int! }
  type Query { echo(user: UserInput!): User! }
`

const resolvers = {
  Query: { echo: (_root: unknown, args: { user: UserJson }) => args.user },
}

export async function startGraphql(): Promise<LabServer> {
  const app = Fastify()
  await app.register(mercurius, { schema, resolvers })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { port: portOf(app), close: () => app.close() }
}
