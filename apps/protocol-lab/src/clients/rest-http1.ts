import { type UserJson, userFromJson, userToJson } from '../payload'
import { createHttp1Poster } from './http1'
import type { RequestClientFactory } from './request-client'

/** REST over HTTP/1.1: `POST /users/echo` with the User as a JSON body. */
export const restHttp1Client: RequestClientFactory = async (port, concurrency) => {
  const http1 = createHttp1Poster(port, concurrency)
  return {
    call: async (user) => userFromJson((await http1.post('/users/echo', userToJson(user))) as UserJson),
    close: http1.close,
  }
}
