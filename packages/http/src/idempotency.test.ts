import { AppError, silentLogger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearerAuth } from './auth'
import { ok } from './envelope'
import { idempotent } from './idempotency'
import { memoryIdempotencyStore } from './idempotency-store'
import { createHttpServer } from './server'

let app: FastifyInstance
let base: string
let charges: Array<{ amount: number }>
let gate: Promise<void> | undefined
let failNext: AppError | undefined

beforeEach(async () => {
  charges = []
  gate = undefined
  failNext = undefined
  app = createHttpServer({ name: 'payments', logger: silentLogger, rateLimit: false })
  const verify = async (token: string) => ({ id: token.replace('user-', '') })
  app.post<{ Body: { amount: number } }>(
    '/payments',
    { preHandler: [bearerAuth(verify), idempotent(memoryIdempotencyStore())] },
    async (request, reply) => {
      await gate
      if (failNext) throw failNext
      charges.push({ amount: request.body.amount })
      return reply.code(201).send(ok({ paymentId: `p${charges.length}`, amount: request.body.amount }))
    },
  )
  base = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterEach(() => app.close())

function pay(key: string | undefined, amount: number, user = 'alice') {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer user-${user}` }
  if (key !== undefined) headers['idempotency-key'] = key
  return fetch(`${base}/payments`, { method: 'POST', headers, body: JSON.stringify({ amount }) })
}

describe('idempotent()', () => {
  it('runs the handler once and replays the stored response for a retry', async () => {
    const first = await pay('k-1', 500)
    const retry = await pay('k-1', 500)
    expect(charges).toHaveLength(1)
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.headers.get('content-type')).toContain('application/json')
    expect(await retry.json()).toEqual(await first.json())
  })

  it('lets only one of two concurrent duplicates run; the other gets 409, then the replay', async () => {
    let open = () => {}
    gate = new Promise((resolve) => {
      open = resolve
    })
    const racing = [pay('k-2', 700), pay('k-2', 700)]
    // Wait until one request holds the reservation and the other has been turned away.
    const loser = await Promise.race(racing)
    expect(loser.status).toBe(409)
    expect((await loser.json()).errors[0].code).toBe('CONFLICT')
    open()
    const statuses = (await Promise.all(racing)).map((response) => response.status).sort()
    expect(statuses).toEqual([201, 409])
    expect(charges).toHaveLength(1)
    expect((await pay('k-2', 700)).headers.get('idempotent-replayed')).toBe('true')
  })

  it('answers 422 when a key is reused for a different body, without running the handler', async () => {
    await pay('k-3', 100)
    const misuse = await pay('k-3', 999)
    expect(misuse.status).toBe(422)
    expect((await misuse.json()).errors[0]).toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(charges).toEqual([{ amount: 100 }])
  })

  it('stores a 4xx as the final answer but releases the key after a 5xx so the retry runs', async () => {
    failNext = new AppError('FAILED_PRECONDITION', 'card expired')
    expect((await pay('k-4', 100)).status).toBe(409)
    failNext = undefined
    const replayed = await pay('k-4', 100)
    expect(replayed.headers.get('idempotent-replayed')).toBe('true')
    expect(charges).toHaveLength(0)

    failNext = new AppError('UNAVAILABLE', 'card network unavailable')
    expect((await pay('k-5', 100)).status).toBe(503)
    failNext = undefined
    const retried = await pay('k-5', 100)
    expect(retried.status).toBe(201)
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
    expect(charges).toHaveLength(1)
  })

  it('scopes keys per principal, so another user reusing a key gets their own result', async () => {
    await pay('shared-key', 100, 'alice')
    const bob = await pay('shared-key', 100, 'bob')
    expect(bob.headers.get('idempotent-replayed')).toBeNull()
    expect(charges).toHaveLength(2)
  })

  it('rejects a missing or malformed key with 400 and runs nothing', async () => {
    const missing = await pay(undefined, 100)
    expect(missing.status).toBe(400)
    expect((await missing.json()).errors[0].message).toMatch(/Idempotency-Key header is required/)
    expect((await pay('x'.repeat(256), 100)).status).toBe(400)
    expect(charges).toHaveLength(0)
  })
})
