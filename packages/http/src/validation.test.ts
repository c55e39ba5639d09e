import { silentLogger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok } from './envelope'
import { createHttpServer } from './server'

let app: FastifyInstance
let base: string

beforeAll(async () => {
  app = createHttpServer({ name: 'test', logger: silentLogger, rateLimit: false })
  app.post(
    '/people/:personId',
    {
      schema: {
        params: { type: 'object', properties: { personId: { type: 'integer' } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { dryRun: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } } },
        },
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string' },
            age: { type: 'integer' },
            nicknames: { type: 'array', items: { type: 'string' } },
            address: {
              type: 'object',
              additionalProperties: false,
              properties: { city: { type: 'string' } },
            },
            role: { type: 'string', default: 'member' },
          },
        },
      },
    },
    async (request) => ok({ params: request.params, query: request.query, body: request.body }),
  )
  base = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => app.close())

async function post(path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, ...(await response.json()) }
}

const refused = (field: string, message: string) => ({
  status: 400,
  data: null,
  errors: [{ code: 'INVALID_ARGUMENT', message, details: { issues: [{ field, message: expect.any(String) }] } }],
})

describe('strict request validation', () => {
  it('takes a JSON body as sent: a wrong type is a 400 naming the field, not a coerced value', async () => {
    expect(await post('/people/1', { name: 123 })).toMatchObject(refused('body/name', 'body/name must be string'))
    expect(await post('/people/1', { name: 'ann', age: '42' })).toMatchObject(
      refused('body/age', 'body/age must be integer'),
    )
    expect(await post('/people/1', { name: 'ann', nicknames: 'annie' })).toMatchObject(
      refused('body/nicknames', 'body/nicknames must be array'),
    )
    expect(await post('/people/1', { name: 'ann', address: { city: null } })).toMatchObject(
      refused('body/address/city', 'body/address/city must be string'),
    )
  })

  it('refuses an unknown field instead of dropping it, naming it', async () => {
    expect(await post('/people/1', { name: 'ann', admin: true })).toMatchObject(
      refused('body/admin', 'body/admin is not an accepted field'),
    )
    expect(await post('/people/1', { name: 'ann', address: { city: 'Oslo', zip: '0150' } })).toMatchObject(
      refused('body/address/zip', 'body/address/zip is not an accepted field'),
    )
    expect(await post('/people/1?dryRun=true&sudo=1', { name: 'ann' })).toMatchObject(
      refused('querystring/sudo', 'querystring/sudo is not an accepted field'),
    )
  })

  it('names a missing field', async () => {
    expect(await post('/people/1', {})).toMatchObject(refused('body/name', 'body/name is required'))
  })

  it('still reads query strings and path params, which are text on the wire, as their declared types', async () => {
    expect(await post('/people/7?dryRun=true&tags=a&tags=b', { name: 'ann', age: 42 })).toMatchObject({
      status: 200,
      data: {
        params: { personId: 7 },
        query: { dryRun: true, tags: ['a', 'b'] },
        body: { name: 'ann', age: 42, role: 'member' },
      },
    })
    expect(await post('/people/seven', { name: 'ann' })).toMatchObject(
      refused('params/personId', 'params/personId must be integer'),
    )
    expect(await post('/people/1?dryRun=maybe', { name: 'ann' })).toMatchObject(
      refused('querystring/dryRun', 'querystring/dryRun must be boolean'),
    )
  })
})
