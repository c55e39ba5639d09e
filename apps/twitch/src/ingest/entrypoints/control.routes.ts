/**
 * The ingest's control over HTTP (internal: the api calls it, nothing public does):
 *   GET  /streams                  200 { data: { streams: [{ channel, streamId, startedAtMs, playable }] } }
 *   POST /streams/:channel/stop    200 { data: { channel, streamId, reason: "stopped" } } once the
 *                                  stream is ended and its VOD closed; 404 if the channel is not live
 * (GET /healthz comes with the server.)
 */
import { ok } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance } from 'fastify'
import { isChannelName } from '../../shared/stream-key'
import type { LiveStreams } from '../use-cases/live-streams'

export function controlRoutes(app: FastifyInstance, streams: LiveStreams) {
  app.get('/streams', async () => ok({ streams: streams.list() }))

  app.post<{ Params: { channel: string } }>('/streams/:channel/stop', async (request) => {
    const { channel } = request.params
    if (!isChannelName(channel)) throw new AppError('INVALID_ARGUMENT', 'channel: 3–24 of a-z, 0-9, _')
    const live = streams.list().find((stream) => stream.channel === channel)
    if (!live || !(await streams.end(channel, 'stopped'))) throw new AppError('NOT_FOUND', `${channel} is not live`)
    return ok({ channel, streamId: live.streamId, reason: 'stopped' })
  })
}
