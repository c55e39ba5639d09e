import { ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { DocsPrincipal } from '../../shared/access-token'
import type { AppliedOp } from '../../shared/editor-state'
import { canEdit } from '../../shared/roles'
import { parseSubmission } from '../domain/parse-frame'
import { joinDocument } from '../use-cases/join-document'
import type { EditorSocketDeps } from './editor.gateway'

const userOf = (request: FastifyRequest) => requirePrincipal(request) as DocsPrincipal
const revisionParam = (value: unknown, field: string): number => {
  const n = Number(value)
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value))
    throw new AppError('INVALID_ARGUMENT', `${field} must be a non-negative integer`)
  return n
}

/**
 * The fallback for an editor that cannot hold a socket (a proxy that kills upgrades): the same
 * protocol as the WS frames, as plain requests. Ops go up as POSTs that answer once the op is
 * durable; ops come down by a GET that the server holds open until there is something newer than
 * `after`, or until POLL_TIMEOUT_MS passes (then `timedOut: true`, and the client simply asks again).
 */
export function longPollRoutes(
  app: FastifyInstance,
  deps: EditorSocketDeps & { pollTimeoutMs: number },
  auth: preHandlerAsyncHookHandler,
): void {
  app.post<{ Params: { docId: string } }>('/v1/documents/:docId/sessions', { preHandler: auth }, async (request) => {
    return ok(await joinDocument(deps, request.params.docId, userOf(request), 'long-poll', undefined))
  })

  app.get<{ Params: { docId: string }; Querystring: { after?: string } }>(
    '/v1/documents/:docId/ops',
    { preHandler: auth, config: { rateLimit: false } },
    async (request) => {
      const { docId } = request.params
      const after = revisionParam(request.query.after, 'after')
      if (!(await deps.access.roleOf(docId, userOf(request).userId)))
        throw new AppError('NOT_FOUND', 'no such document, or it is not shared with you')
      const ops = await waitForOps(docId, after, request)
      return ok({ ops, presence: await deps.presence.list(docId), timedOut: ops.length === 0 })
    },
  )

  app.post<{ Params: { docId: string }; Body: Record<string, unknown> }>(
    '/v1/documents/:docId/ops',
    { preHandler: auth },
    async (request, reply) => {
      const { docId } = request.params
      const user = userOf(request)
      if (typeof request.body !== 'object' || request.body === null)
        throw new AppError('INVALID_ARGUMENT', 'send a JSON object')
      const submission = parseSubmission(request.body)
      const role = await deps.access.roleOf(docId, user.userId)
      if (!role) throw new AppError('NOT_FOUND', 'no such document, or it is not shared with you')
      if (!canEdit(role)) throw new AppError('PERMISSION_DENIED', 'you may only view this document')
      const outcome = await deps.submit(docId, user.userId, submission)
      if (outcome.kind === 'duplicate')
        throw new AppError(
          'ALREADY_EXISTS',
          `op ${submission.opId} was applied already at revision ${outcome.revision}`,
          { revision: outcome.revision },
        )
      reply.code(201)
      return ok({ revision: outcome.applied.revision })
    },
  )

  app.post<{ Params: { docId: string }; Body: { sessionId?: unknown; cursor?: unknown; revision?: unknown } }>(
    '/v1/documents/:docId/cursor',
    { preHandler: auth },
    async (request, reply) => {
      // Sessions live in the presence hash, not in this process: behind the load balancer the
      // next request of a long-poll editor may reach the other replica.
      const me = await deps.presence.get(request.params.docId, String(request.body?.sessionId))
      if (!me || me.userId !== userOf(request).userId) throw new AppError('NOT_FOUND', 'no such session')
      const cursor = request.body.cursor
      const revision = request.body.revision
      if (!Number.isSafeInteger(cursor) || (cursor as number) < 0 || !Number.isSafeInteger(revision))
        throw new AppError('INVALID_ARGUMENT', 'cursor and revision must be non-negative integers')
      const next = { ...me, cursor: cursor as number, revision: revision as number, at: Date.now() }
      await deps.presence.update(request.params.docId, next)
      reply.code(204)
    },
  )

  app.delete<{ Params: { docId: string; sessionId: string } }>(
    '/v1/documents/:docId/sessions/:sessionId',
    { preHandler: auth },
    async (request, reply) => {
      const me = await deps.presence.get(request.params.docId, request.params.sessionId)
      if (me && me.userId === userOf(request).userId) {
        await deps.presence.leave(request.params.docId, me.sessionId)
      }
      reply.code(204)
    },
  )

  /**
   * Attach to the document's channel first, then read what is already newer: an op applied in
   * between is seen one way or the other. The request's socket closing ends the wait early.
   */
  async function waitForOps(docId: string, after: number, request: FastifyRequest): Promise<AppliedOp[]> {
    let wake: () => void = () => {}
    const woken = new Promise<void>((resolve) => {
      wake = resolve
    })
    const reader = {
      sendEncoded: (frame: string) => {
        if (frame.startsWith('{"type":"op"')) wake()
        return true
      },
    }
    await deps.router.attach(docId, reader)
    const timer = setTimeout(wake, deps.pollTimeoutMs)
    request.raw.once('close', wake)
    try {
      const ready = await deps.heads.since(docId, after)
      if (ready.length > 0) return ready
      await woken
      return await deps.heads.since(docId, after)
    } finally {
      clearTimeout(timer)
      request.raw.off('close', wake)
      await deps.router.detach(docId, reader)
    }
  }
}
