import { ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { AccountStore } from '../adapters/account-store'
import type { DocumentStore } from '../adapters/document-store'
import type { HistoryStore } from '../adapters/history-store'
import { HANDLE } from './account.routes'

const DOC_ID = {
  type: 'object',
  required: ['docId'],
  properties: { docId: { type: 'string', pattern: '^[a-z0-9]{1,40}$' } },
} as const

export interface DocumentRouteDeps {
  accounts: AccountStore
  documents: DocumentStore
  history: HistoryStore
}

/**
 * Documents over REST: create, list, load, share, delete, and the version history rebuilt from
 * the op log. Anyone not shared on a document gets 404, not 403: its existence is not theirs to know.
 */
export function documentRoutes(app: FastifyInstance, deps: DocumentRouteDeps, auth: preHandlerAsyncHookHandler): void {
  const { documents, history } = deps
  const visible = async (request: FastifyRequest<{ Params: { docId: string } }>) => {
    const doc = await documents.find(request.params.docId, requirePrincipal(request).id)
    if (!doc) throw new AppError('NOT_FOUND', 'no such document, or it is not shared with you')
    return doc
  }

  app.post<{ Body: { title: string } }>(
    '/v1/documents',
    {
      preHandler: auth,
      schema: {
        body: {
          type: 'object',
          required: ['title'],
          additionalProperties: false,
          properties: { title: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await documents.create(requirePrincipal(request).id, request.body.title))),
  )

  app.get('/v1/documents', { preHandler: auth }, async (request) =>
    ok(await documents.listFor(requirePrincipal(request).id)),
  )

  app.get<{ Params: { docId: string } }>(
    '/v1/documents/:docId',
    { preHandler: auth, schema: { params: DOC_ID } },
    async (request) => {
      const doc = await visible(request)
      const [members, versions] = await Promise.all([documents.members(doc.id), history.versions(doc.id)])
      // The text as the history has it (it trails the live document by the consumer's lag).
      const latest = await history.textAt(doc.id, versions.headRevision)
      return ok({ ...doc, members, revision: versions.headRevision, text: latest.text })
    },
  )

  app.post<{ Params: { docId: string }; Body: { handle: string; role: 'editor' | 'viewer' } }>(
    '/v1/documents/:docId/shares',
    {
      preHandler: auth,
      schema: {
        params: DOC_ID,
        body: {
          type: 'object',
          required: ['handle', 'role'],
          additionalProperties: false,
          properties: { handle: HANDLE, role: { type: 'string', enum: ['editor', 'viewer'] } },
        },
      },
    },
    async (request, reply) => {
      const doc = await visible(request)
      if (doc.role !== 'owner') throw new AppError('PERMISSION_DENIED', 'only the owner shares a document')
      const account = await deps.accounts.byHandle(request.body.handle)
      if (!account) throw new AppError('NOT_FOUND', `no user ${request.body.handle}`)
      if (account.id === doc.ownerId) throw new AppError('FAILED_PRECONDITION', 'the owner is already the owner')
      await documents.share(doc.id, account.id, request.body.role)
      return reply.code(201).send(ok(await documents.members(doc.id)))
    },
  )

  app.delete<{ Params: { docId: string } }>(
    '/v1/documents/:docId',
    { preHandler: auth, schema: { params: DOC_ID } },
    async (request, reply) => {
      const doc = await visible(request)
      if (doc.role !== 'owner') throw new AppError('PERMISSION_DENIED', 'only the owner deletes a document')
      await documents.delete(doc.id)
      return reply.code(204).send()
    },
  )

  app.get<{ Params: { docId: string } }>(
    '/v1/documents/:docId/versions',
    { preHandler: auth, schema: { params: DOC_ID } },
    async (request) => {
      const doc = await visible(request)
      return ok(await history.versions(doc.id))
    },
  )

  app.get<{ Params: { docId: string; revision: string } }>(
    '/v1/documents/:docId/versions/:revision',
    {
      preHandler: auth,
      schema: {
        params: {
          type: 'object',
          required: ['docId', 'revision'],
          properties: { docId: DOC_ID.properties.docId, revision: { type: 'string', pattern: '^[0-9]{1,15}$' } },
        },
      },
    },
    async (request) => {
      const doc = await visible(request)
      const revision = Number(request.params.revision)
      return ok({ revision, ...(await history.textAt(doc.id, revision)) })
    },
  )
}
