import { execFile } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { segmentUris } from './support/video-h2'
import { bootVideo, newChannel, type RunningVideo } from './support/video-system'

const run = promisify(execFile)

/**
 * Clips from outside: a stream published over RTMP, then a ClipRequested produced on Kafka as the
 * api produces it (twitch.clip-jobs), and the clipper's answer read from twitch.clip-results: an
 * MP4 of the stream's last seconds that ffprobe accepts, served by the edge. A redelivered job
 * is not cut twice; a job for an unknown stream fails with a reason.
 */
describe.each(runModes())('twitch clips (%s)', (mode) => {
  let system: RunningVideo
  const erin = newChannel('erin')
  let streamId: string

  beforeAll(async () => {
    system = await bootVideo(mode)
    await system.publish(system.keys.issue(erin), { seconds: 30 })
    streamId = (await system.started(erin)).streamId
    await waitFor(
      async () => segmentUris(await system.edge.text(`/streams/${streamId}/360p/index.m3u8`)).length >= 12,
      { timeoutMs: 30_000, intervalMs: 500, what: '12 s of stream' },
    )
  }, 120_000)
  afterAll(async () => {
    await system?.stop()
  })

  const job = (clipId: string, overrides = {}) => ({
    clipId,
    channel: erin,
    streamId,
    requestedBy: 'viewer',
    seconds: 10,
    atMs: Date.now(),
    ...overrides,
  })

  it('cuts the last 10 s of a live stream into an MP4, once, however often the job comes', async () => {
    const clipId = `c_${mode}_${Date.now()}`
    await system.requestClip(job(clipId))
    const [clip] = await system.clipFinished(clipId)
    expect(clip).toMatchObject({ clipId, channel: erin, status: 'ready', path: `clips/${clipId}.mp4`, error: '' })
    expect(clip!.durationMs).toBeGreaterThanOrEqual(9_500)
    expect(clip!.durationMs).toBeLessThanOrEqual(12_500)

    const file = join(system.mediaDir, clip!.path)
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'stream=codec_type,width,height:format=duration', '-of', 'json', file],
    ])
    const probe = JSON.parse(stdout)
    expect(probe.streams).toContainEqual(expect.objectContaining({ codec_type: 'video', width: 640, height: 360 }))
    expect(probe.streams).toContainEqual(expect.objectContaining({ codec_type: 'audio' }))
    expect(Number(probe.format.duration)).toBeCloseTo(clip!.durationMs / 1000, 1)

    const served = await system.edge.get(`/${clip!.path}`)
    expect(served.status).toBe(200)
    expect(served.headers['content-type']).toBe('video/mp4')
    expect(served.body.length).toBe(statSync(file).size)

    const cutAt = statSync(file).mtimeMs
    await system.requestClip(job(clipId)) // redelivered
    const answers = await system.clipFinished(clipId, 2)
    expect(answers[1]).toEqual(clip)
    expect(statSync(file).mtimeMs).toBe(cutAt)
  }, 60_000)

  it('answers failed, with the reason, for a job it cannot do, and writes nothing', async () => {
    const unknown = `c_${mode}_unknown_${Date.now()}`
    await system.requestClip(job(unknown, { streamId: 's_AAAAAAAAAAAA' }))
    const [failed] = await system.clipFinished(unknown)
    expect(failed).toMatchObject({ status: 'failed', path: '', error: 'no such stream: s_AAAAAAAAAAAA' })

    const traversal = `c_${mode}_traversal_${Date.now()}`
    await system.requestClip(job(traversal, { streamId: '../../tls' }))
    expect((await system.clipFinished(traversal))[0]).toMatchObject({ status: 'failed', error: 'invalid stream id' })

    await system.requestClip(job('../escape', { channel: erin }))
    expect((await system.clipFinished('../escape'))[0]).toMatchObject({ status: 'failed', error: 'invalid clip id' })
    expect((await system.edge.get(`/clips/${unknown}.mp4`)).status).toBe(404)
  }, 60_000)
})
