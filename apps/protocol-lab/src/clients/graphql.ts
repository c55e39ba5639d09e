import { type UserJson, userFromJson, userToJson } from '../payload'
import { createHttp1Poster } from './http1'
import type { RequestClientFactory } from './request-client'

/**
 * GraphQL over HTTP/1.1: a POST to /graphql with the query text and the User as a variable.
 * The query text travels with every request (no persisted queries), as most clients send it.
 */
const query = 'query Echo($user: UserInput!) { echo(user: $user) { user_id name email age } }'

interface EchoResult {
  data?: { echo: UserJson }
  errors?: { message: string }[]
}

export const graphqlClient: RequestClientFactory = async (port, concurrency) => {
  const http1 = createHttp1Poster(port, concurrency)
  return {
    async call(user) {
      const result = (await http1.post('/graphql', { query, variables: { user: userToJson(user) } })) as EchoResult
      if (!result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`)
      return userFromJson(result.data.echo)
    },
    close: http1.close,
  }
}
