import http2 from 'node:http2'
import { type UserJson, userFromJson, userToJson } from '../payload'
import type { RequestClientFactory } from './request-client'

/**
 * REST over HTTP/2 with Node's http2 client: one session (one TCP connection), one stream per
 * request, any number in flight. Cleartext (h2c, prior knowledge) on loopback.
 */
export const restHttp2Client: RequestClientFactory = async (port) => {
  const session = http2.connect(`http://127.0.0.1:${port}`)
  await new Promise<void>((resolve, reject) => session.once('connect', () => resolve()).once('error', reject))
  const call = (body: UserJson) =>
    new Promise<UserJson>((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': '/users/echo', 'content-type': 'application/json' })
      const chunks: Buffer[] = []
      let status = 0
      stream.on('response', (headers) => {
        status = Number(headers[':status'])
      })
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        if (status !== 200) reject(new Error(`POST /users/echo: HTTP ${status} ${text}`))
        else resolve(JSON.parse(text) as UserJson)
      })
      stream.on('error', reject)
      stream.end(JSON.stringify(body))
    })
  return {
    call: async (user) => userFromJson(await call(userToJson(user))),
    close: () => new Promise<void>((resolve) => session.close(() => resolve())),
  }
}
