import { idempotent, memoryIdempotencyStore, ok, requirePrincipal } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import type { ClipRepository } from '../adapters/clip.repository'
import type { ClipJobsPublisher } from '../adapters/clip-jobs.publisher'
import type { StreamRepository } from '../adapters/stream.repository'
import { requestClip } from '../use-cases/request-clip'
import { channelParams, clipParams, requireEmptyBody } from './schemas'

export interface ClipRouteDeps {
  streams: StreamRepository
  clips: ClipRepository
  jobs: ClipJobsPublisher
  edgePublicUrl: string
}

/**
 * Clips. A request may carry `Idempotency-Key`: a retried request with the same key gets the same
 * clip back (`Idempotent-Replayed: true`) instead of starting a second ffmpeg job.
 */
export function clipRoutes(app: FastifyInstance, deps: ClipRouteDeps, auth: preHandlerAsyncHookHandler) {
  const once = idempotent(memoryIdempotencyStore(), { required: false })
  app.post<{ Params: { channel: string } }>(
    '/api/streams/:channel/clips',
    { preHandler: [auth, once], schema: { params: channelParams } },
    async (request, reply) => {
      requireEmptyBody(request.body)
      const clip = await requestClip(
        { channel: request.params.channel, requestedBy: requirePrincipal(request).id },
        deps,
      )
      return reply.code(202).send(ok(clip))
    },
  )

  app.get<{ Params: { clipId: string } }>('/api/clips/:clipId', { schema: { params: clipParams } }, async (request) => {
    const clip = await deps.clips.find(request.params.clipId)
    if (!clip) throw new AppError('NOT_FOUND', `no clip ${request.params.clipId}`)
    return ok({
      clipId: clip.clipId,
      channel: clip.channel,
      status: clip.status,
      url: clip.path === null ? undefined : `${deps.edgePublicUrl}/${clip.path}`,
      durationMs: clip.durationMs ?? undefined,
      error: clip.error ?? undefined,
    })
  })
}
