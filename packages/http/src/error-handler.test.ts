import { Writable } from 'node:stream'
import { AppError, ERROR_CODES, silentLogger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { ok } from './envelope'
import { createHttpServer } from './server'
import { HTTP_STATUS } from './status'

let app: FastifyInstance
afterEach(() => app.close())

async function listen(server: FastifyInstance): Promise<string> {
  return server.listen({ port: 0, host: '127.0.0.1' })
}

const postJson = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

function messageApp(bodyLimit?: number) {
  app = createHttpServer({ name: 'test', logger: silentLogger, rateLimit: false, bodyLimit })
  app.post(
    '/messages',
    {
      schema: {
        body: {
          type: 'object',
          required: ['to', 'text'],
          properties: { to: { type: 'string' }, text: { type: 'string', maxLength: 100 } },
        },
      },
    },
    async (request) => ok({ accepted: request.body }),
  )
  return app
}

describe('error envelope over real HTTP', () => {
  it('answers a malformed JSON body with 400 INVALID_ARGUMENT', async () => {
    const base = await listen(messageApp())
    const response = await postJson(`${base}/messages`, '{"to": "bob", "text": ')
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      data: null,
      errors: [{ code: 'INVALID_ARGUMENT', message: 'request body is not valid JSON' }],
    })
  })

  it('names the failing field when the schema rejects the body', async () => {
    const base = await listen(messageApp())
    const response = await postJson(`${base}/messages`, JSON.stringify({ to: 'bob' }))
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.errors[0].code).toBe('INVALID_ARGUMENT')
    expect(body.errors[0].message).toBe('body/text is required')
    expect(body.errors[0].details.issues).toEqual([expect.objectContaining({ field: 'body/text' })])
  })

  it('answers a body over bodyLimit with 413 and a non-JSON body with 415', async () => {
    const base = await listen(messageApp(64))
    const big = await postJson(`${base}/messages`, JSON.stringify({ to: 'bob', text: 'x'.repeat(100) }))
    expect(big.status).toBe(413)
    expect((await big.json()).errors[0].code).toBe('PAYLOAD_TOO_LARGE')
    const xml = await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<a/>',
    })
    expect(xml.status).toBe(415)
    expect((await xml.json()).errors[0].code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('answers an unknown route with a 404 envelope', async () => {
    const base = await listen(messageApp())
    const response = await fetch(`${base}/nope?secret=1`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      data: null,
      errors: [{ code: 'NOT_FOUND', message: 'no route for GET /nope' }],
    })
  })
})

describe('AppError mapping', () => {
  it.each(ERROR_CODES)('maps %s to its status', async (code) => {
    app = createHttpServer({ name: 'test', logger: silentLogger, rateLimit: false })
    app.get('/fail', async () => {
      throw new AppError(code, `failed with ${code}`, { hint: 'x' })
    })
    const response = await app.inject({ method: 'GET', url: '/fail' })
    expect(response.statusCode).toBe(HTTP_STATUS[code])
    const [error] = response.json().errors
    expect(error.code).toBe(code)
    if (response.statusCode < 500)
      expect(error).toEqual({ code, message: `failed with ${code}`, details: { hint: 'x' } })
    else expect(error.details).toBeUndefined()
    if (code === 'RATE_LIMITED') expect(response.headers['retry-after']).toBe('1')
  })

  it('hides a 5xx cause from the client and logs it instead', async () => {
    const lines: string[] = []
    const sink = new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) })
    app = createHttpServer({ name: 'test', logger: pino({ level: 'error' }, sink), rateLimit: false })
    app.get('/boom', async () => {
      throw new Error('connect ECONNREFUSED postgres://admin:hunter2@db')
    })
    const response = await fetch(`${await listen(app)}/boom`)
    const text = await response.text()
    expect(response.status).toBe(500)
    expect(JSON.parse(text)).toEqual({ data: null, errors: [{ code: 'INTERNAL', message: 'internal error' }] })
    expect(text).not.toContain('hunter2')
    expect(response.headers.get('request-id')).toBeTruthy()
    expect(lines.join('')).toContain('hunter2')
  })
})
