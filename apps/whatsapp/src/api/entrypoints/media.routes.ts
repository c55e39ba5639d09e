import { ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import { isUuid } from '../../shared/ids'
import type { MediaStore } from '../adapters/media-store'
import { checkUpload } from '../domain/media'

/**
 * Media goes over REST, not the WebSocket: a 5 MB photo would hold a chat socket (and every
 * message queued behind it) for seconds, while an HTTP upload is resumable, cacheable and can
 * be sent straight to an object store. The message then carries only the URL.
 */
export function mediaRoutes(
  app: FastifyInstance,
  store: MediaStore,
  auth: preHandlerAsyncHookHandler,
  options: { maxBytes: number; publicUrl: () => string },
): void {
  // Encapsulated so only this route accepts raw image bodies. Every image/* type is parsed so
  // that the route itself can answer 415 with the list of supported types.
  app.register(async (scope) => {
    scope.addContentTypeParser(/^image\/.*/, (_request, payload, done) => {
      // An oversize upload is read to its end (up to 4× the limit) before the 413 goes out:
      // answering mid-upload and closing makes most clients report a reset connection instead
      // of the clear "too large" a person can act on.
      const chunks: Buffer[] = []
      let size = 0
      payload.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= options.maxBytes) chunks.push(chunk)
        else if (size > options.maxBytes * 4) payload.destroy()
      })
      payload.on('error', (error) => done(error, undefined))
      payload.on('end', () =>
        size > options.maxBytes
          ? done(new AppError('PAYLOAD_TOO_LARGE', `media is larger than ${options.maxBytes} bytes`), undefined)
          : done(null, Buffer.concat(chunks)),
      )
    })

    scope.post<{ Body: Buffer }>('/v1/media', { preHandler: auth }, async (request, reply) => {
      const contentType = checkUpload(request.headers['content-type'], request.body, options.maxBytes)
      const mediaId = await store.save(requirePrincipal(request).id, contentType, request.body)
      const url = `${options.publicUrl()}/v1/media/${mediaId}`
      return reply.code(201).send(ok({ mediaId, url, contentType, sizeBytes: request.body.byteLength }))
    })
  })

  /**
   * No Authorization header here: an <img src> cannot send one. The URL itself is the
   * capability: a random UUID (122 random bits) is unguessable, and only members of the
   * conversation it was sent to ever see it.
   */
  app.get<{ Params: { mediaId: string } }>('/v1/media/:mediaId', async (request, reply) => {
    if (!isUuid(request.params.mediaId)) throw new AppError('NOT_FOUND', 'no such media')
    const { contentType, bytes } = await store.load(request.params.mediaId)
    return reply
      .header('content-type', contentType)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(bytes)
  })
}
