import { connect } from 'node:http2'
import { AppError, silentLogger } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { ok } from './envelope'
import { createHttpServer } from './server'

let app: FastifyInstance
afterEach(() => app.close())

describe('createHttpServer', () => {
  it('stops within its grace period although a stream (SSE) is still open, and lets a short request finish', async () => {
    app = createHttpServer({ name: 'test', logger: silentLogger, closeGraceMs: 300 })
    app.get('/events', (_request, reply) => {
      reply.hijack()
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' })
      reply.raw.write(': open\n\n') // and never ends
    })
    app.get('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return ok('done')
    })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const stream = await fetch(`${base}/events`)
    const reader = stream.body!.getReader()
    await reader.read()
    const slow = fetch(`${base}/slow`)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    await app.close()
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(await (await slow).json()).toEqual({ data: 'done', errors: [] })
    await expect(reader.read()).rejects.toThrow()
  })

  it('answers GET /healthz with the envelope', async () => {
    app = createHttpServer({ name: 'test', logger: silentLogger })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const response = await fetch(`${base}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ data: { status: 'ok' }, errors: [] })
  })

  it('reports readiness from registered checks and names the failing one', async () => {
    app = createHttpServer({ name: 'test', logger: silentLogger })
    let postgresUp = true
    app.addReadinessCheck('postgres', async () => {
      if (!postgresUp) throw new Error('ECONNREFUSED 127.0.0.1:5432')
    })
    expect(() => app.addReadinessCheck('postgres', async () => {})).toThrow(/already registered/)

    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.json()).toEqual({ data: { status: 'ready', checks: ['postgres'] }, errors: [] })
    postgresUp = false
    const notReady = await app.inject({ method: 'GET', url: '/readyz' })
    expect(notReady.statusCode).toBe(503)
    expect(notReady.json().errors).toEqual([{ code: 'UNAVAILABLE', message: 'not ready: postgres' }])
    expect(notReady.body).not.toContain('ECONNREFUSED')
  })

  it('answers 429 RATE_LIMITED with Retry-After once a client passes the limit', async () => {
    app = createHttpServer({ name: 'test', logger: silentLogger, rateLimit: { max: 3, timeWindowMs: 60_000 } })
    app.get('/rides', async () => ok([]))
    const base = await app.listen({ port: 0, host: '127.0.0.1' })

    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/rides`)).status)
    expect(statuses).toEqual([200, 200, 200, 429])

    const limited = await fetch(`${base}/rides`)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    const body = await limited.json()
    expect(body.data).toBeNull()
    expect(body.errors[0]).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 3 } })
    // Unknown paths count too (a scanner is limited), probes do not (a load balancer is not).
    expect((await fetch(`${base}/wp-admin`)).status).toBe(429)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
  })

  it('serves HTTP/2 (h2c) with the same routes and envelope', async () => {
    app = createHttpServer({ name: 'test', logger: silentLogger, http2: true })
    app.get('/fail', async () => {
      throw new AppError('NOT_FOUND', 'no such ride')
    })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const session = connect(base)
    try {
      const get = (path: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const stream = session.request({ ':path': path })
          let status = 0
          let body = ''
          stream.on('response', (headers) => {
            status = Number(headers[':status'])
          })
          stream.setEncoding('utf8')
          stream.on('data', (chunk: string) => {
            body += chunk
          })
          stream.on('end', () => resolve({ status, body }))
          stream.on('error', reject)
        })
      const [health, missing] = await Promise.all([get('/healthz'), get('/fail')])
      expect(health).toEqual({ status: 200, body: JSON.stringify({ data: { status: 'ok' }, errors: [] }) })
      expect(missing.status).toBe(404)
      expect(JSON.parse(missing.body).errors[0].code).toBe('NOT_FOUND')
    } finally {
      session.close()
    }
  })
})

describe('per-route rate limits', () => {
  it('applies a route limit to that route only', async () => {
    app = createHttpServer({ name: 'test', logger: silentLogger, rateLimit: { max: 100, timeWindowMs: 60_000 } })
    app.post('/login', { config: { rateLimit: { max: 1, timeWindow: 60_000 } } }, async () => ok({ token: 't' }))
    app.get('/rides', async () => ok([]))
    const login = () => app.inject({ method: 'POST', url: '/login' })
    expect([(await login()).statusCode, (await login()).statusCode]).toEqual([200, 429])
    expect((await app.inject({ method: 'GET', url: '/rides' })).statusCode).toBe(200)
  })
})
