import { createHash } from 'node:crypto'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { failure } from './envelope'
import type { IdempotencyStore } from './idempotency-store'

export interface IdempotencyOptions {
  /** How long a finished response is replayed for the same key. Default 24 h. */
  ttlMs?: number
  /** How long a reservation outlives a crashed process. Must exceed the slowest handler. Default 60 s. */
  lockTtlMs?: number
  /** Answer 400 when the header is missing. Default true: without a key a retried payment runs twice. */
  required?: boolean
}

interface Reservation {
  store: IdempotencyStore
  key: string
  fingerprint: string
  ttlMs: number
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/
const reservations = new WeakMap<FastifyRequest, Reservation>()

/**
 * A preHandler for unsafe operations that move money or send messages, following the IETF
 * draft "The Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header):
 * - first request with a key: the key is reserved BEFORE the handler runs, the handler runs,
 *   and its status and body are stored (2xx and 4xx are final answers and are stored; a 5xx
 *   releases the key so the client's retry runs again: handlers must therefore leave no effect
 *   behind when they fail with 5xx, e.g. by doing their writes in one transaction);
 * - same key, same request, finished: the stored response is replayed with
 *   `Idempotent-Replayed: true` and the handler does not run;
 * - same key while the first is still running: 409 CONFLICT (the reservation is what keeps two
 *   concurrent duplicates from both running; the client retries later and gets the replay);
 * - same key, different method/URL/body: 422 with code INVALID_ARGUMENT, as the draft says.
 *   This is the one status outside the AppError table: it is a misuse of the header, not a
 *   domain error.
 * Keys are scoped to the principal (after bearerAuth) and the route, so one user cannot replay
 * another user's response by guessing a key. Put this after bearerAuth in the preHandler list.
 * Needs the onSend hook that createHttpServer installs (captureIdempotentResponses).
 */
export function idempotent(store: IdempotencyStore, options: IdempotencyOptions = {}): preHandlerAsyncHookHandler {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000
  const lockTtlMs = options.lockTtlMs ?? 60_000
  const required = options.required ?? true

  return async function checkIdempotencyKey(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers['idempotency-key']
    if (header === undefined) {
      if (required) throw new AppError('INVALID_ARGUMENT', 'Idempotency-Key header is required for this operation')
      return
    }
    if (typeof header !== 'string' || !KEY_PATTERN.test(header))
      throw new AppError('INVALID_ARGUMENT', 'Idempotency-Key must be 1 to 255 visible ASCII characters')

    const key = `${request.principal?.id ?? '-'}|${request.method} ${request.routeOptions.url}|${header}`
    const fingerprint = fingerprintOf(request)
    if (await store.reserve(key, fingerprint, lockTtlMs)) {
      reservations.set(request, { store, key, fingerprint, ttlMs })
      return
    }

    const record = await store.get(key)
    if (record !== undefined && record.fingerprint !== fingerprint) {
      const misuse = new AppError('INVALID_ARGUMENT', 'Idempotency-Key was already used for a different request')
      return reply.code(422).send(failure(misuse))
    }
    if (record?.state !== 'completed')
      throw new AppError('CONFLICT', 'a request with this Idempotency-Key is still in progress; retry later')

    reply.code(record.response.statusCode).header('idempotent-replayed', 'true')
    if (record.response.contentType !== undefined) reply.header('content-type', record.response.contentType)
    return reply.send(record.response.body)
  }
}

/** Stores the response of every request that holds a reservation. Installed by createHttpServer. */
export function captureIdempotentResponses(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const reservation = reservations.get(request)
    if (reservation === undefined) return payload
    reservations.delete(request)
    const { store, key, fingerprint, ttlMs } = reservation
    try {
      const body = payload === undefined || payload === null ? '' : payload
      if (reply.statusCode >= 500 || (typeof body !== 'string' && !Buffer.isBuffer(body))) {
        await store.release(key)
        return payload
      }
      const contentType = reply.getHeader('content-type')
      await store.complete(
        key,
        fingerprint,
        { statusCode: reply.statusCode, contentType: contentType?.toString(), body: body.toString() },
        ttlMs,
      )
    } catch (error) {
      // The handler already ran: failing the response now would hide a payment that happened.
      // The reservation expires after lockTtlMs; until then duplicates get 409.
      request.log.error({ err: error, key }, 'could not store idempotent response')
    }
    return payload
  })
}

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url')
}
