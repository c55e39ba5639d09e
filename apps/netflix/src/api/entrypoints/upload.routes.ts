import { ok, requirePrincipal } from '@wired/http'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import { type UploadDeps, uploadVideo } from '../use-cases/upload-video'
import { uploadQuery } from './schemas'

/**
 * POST /v1/videos?title=…: the raw bytes of a clip as the body (application/octet-stream or
 * video/*). Over maxBytes is a 413 before the body is read to the end; what ffprobe cannot read
 * as a video is a 415 and leaves nothing behind.
 */
export function uploadRoutes(
  app: FastifyInstance,
  deps: UploadDeps,
  auth: preHandlerAsyncHookHandler,
  maxBytes: number,
) {
  for (const type of ['application/octet-stream', /^video\//]) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) =>
      done(null, body),
    )
  }
  app.post<{ Querystring: { title: string }; Body: Buffer }>(
    '/v1/videos',
    { schema: { querystring: uploadQuery }, preHandler: auth, bodyLimit: maxBytes },
    async (request, reply) => {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      const video = await uploadVideo(deps, {
        ownerId: requirePrincipal(request).id,
        title: request.query.title,
        bytes,
      })
      return reply.code(201).send(ok({ ...video, state: 'uploaded' }))
    },
  )
}
