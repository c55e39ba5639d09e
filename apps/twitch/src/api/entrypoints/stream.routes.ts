import { ok, requirePrincipal } from '@wired/http'
import type { RedisClient } from '@wired/redis'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import { type ChatRedisKeys, countViewers } from '../../shared/chat-redis-keys'
import type { StreamKeys } from '../../shared/stream-key'
import type { AnalyticsReader } from '../adapters/analytics.reader'
import type { IngestClient } from '../adapters/ingest.client'
import type { StreamRepository, StreamRow } from '../adapters/stream.repository'
import type { UserRepository } from '../adapters/user.repository'
import { channelParams, requireEmptyBody } from './schemas'

export interface StreamRouteDeps {
  users: UserRepository
  streams: StreamRepository
  streamKeys: StreamKeys
  ingest: IngestClient
  analytics: AnalyticsReader
  redis: RedisClient
  chatKeys: ChatRedisKeys
  edgePublicUrl: string
  chatUrls: string[]
  ingestRtmpUrl: string
}

type ChannelRequest = { Params: { channel: string } }

/** Start (the stream key), stop (through the ingest), the live list and one channel's info. */
export function streamRoutes(app: FastifyInstance, deps: StreamRouteDeps, auth: preHandlerAsyncHookHandler) {
  const playbackUrl = (streamId: string) => `${deps.edgePublicUrl}/streams/${streamId}/master.m3u8`
  const viewers = (channel: string) => countViewers(deps.redis, deps.chatKeys, channel)

  // "Start streaming": the key for the caller's own channel; the stream starts when OBS publishes with it.
  app.post('/api/streams', { preHandler: auth }, async (request) => {
    requireEmptyBody(request.body)
    const channel = requirePrincipal(request).id
    return ok({ channel, rtmpUrl: deps.ingestRtmpUrl, streamKey: deps.streamKeys.issue(channel) })
  })

  app.delete<ChannelRequest>(
    '/api/streams/:channel',
    { preHandler: auth, schema: { params: channelParams } },
    async (request, reply) => {
      const { channel } = request.params
      if (requirePrincipal(request).id !== channel)
        throw new AppError('PERMISSION_DENIED', `only #${channel}'s owner can stop its stream`)
      await deps.ingest.stop(channel)
      return reply.code(202).send(ok({ channel, stopping: true }))
    },
  )

  app.get('/api/streams/live', async () => {
    const live = await deps.streams.live()
    const counts = await Promise.all(live.map((stream) => viewers(stream.channel)))
    return ok({
      streams: live.map((stream, i) => ({
        channel: stream.channel,
        streamId: stream.streamId,
        startedAt: iso(stream.startedAt),
        viewers: counts[i],
        playbackUrl: playbackUrl(stream.streamId),
      })),
    })
  })

  app.get<ChannelRequest>('/api/streams/:channel', { schema: { params: channelParams } }, async (request) => {
    const { channel } = request.params
    const [known, stream, count] = await Promise.all([
      deps.users.exists(channel),
      deps.streams.latest(channel),
      viewers(channel),
    ])
    if (!known && !stream) throw new AppError('NOT_FOUND', `no channel ${channel}`)
    return ok({ channel, live: isLive(stream), ...streamFields(stream), viewers: count, chatUrls: deps.chatUrls })
  })

  app.get<ChannelRequest>('/api/streams/:channel/analytics', { schema: { params: channelParams } }, async (request) =>
    ok({ channel: request.params.channel, perMinute: await deps.analytics.perMinute(request.params.channel) }),
  )

  function streamFields(stream: StreamRow | undefined) {
    if (!stream) return {}
    return {
      streamId: stream.streamId,
      startedAt: iso(stream.startedAt),
      endedAt: iso(stream.endedAt),
      playbackUrl: playbackUrl(stream.streamId),
    }
  }
}

const isLive = (stream: StreamRow | undefined): boolean => stream !== undefined && stream.endedAt === null
const iso = (date: Date | null) => (date === null ? undefined : date.toISOString())
