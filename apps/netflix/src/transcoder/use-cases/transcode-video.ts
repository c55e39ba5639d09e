/**
 * Transcode one upload into every rendition, then write the master playlist last. The master is
 * the "done" marker: the origin serves nothing of a video before it exists, and a transcoder
 * that finds it already there (a redelivered record) skips straight to announcing the result.
 * A transcoder killed mid-job leaves half-written renditions that the next run overwrites.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { VideoTranscoded, VideoUploaded } from '@wired/proto/netflix/v1/events'
import { AppError, type Logger } from '@wired/runtime'
import { putObject, resolveKey, videoKeys } from '../../shared/object-store'
import { probeVideo } from '../../shared/probe'
import { evenWidth, ffmpegArgs, masterPlaylist, RENDITIONS, type Rendition } from '../domain/renditions'

const run = promisify(execFile)

export interface RenditionTiming {
  rendition: string
  seconds: number
  /** Seconds of video made per second of work: above 1 is faster than real time. */
  timesRealtime: number
}

export async function transcodeRenditions(
  source: string,
  outDir: string,
  renditions: Rendition[] = RENDITIONS,
): Promise<{ timings: RenditionTiming[]; width: (height: number) => number }> {
  const probe = await probeVideo(source)
  if (!probe) throw new AppError('INVALID_ARGUMENT', 'the upload is not a readable video')
  const timings: RenditionTiming[] = []
  for (const rendition of renditions) {
    const dir = `${outDir}/${rendition.name}`
    await mkdir(dir, { recursive: true })
    const started = performance.now()
    await run('ffmpeg', ffmpegArgs(source, dir, rendition, probe.hasAudio), { timeout: 300_000 })
    const seconds = (performance.now() - started) / 1000
    timings.push({ rendition: rendition.name, seconds, timesRealtime: probe.durationSeconds / seconds })
  }
  return { timings, width: evenWidth(probe.width, probe.height) }
}

export async function transcodeVideo(
  dataDir: string,
  uploaded: VideoUploaded,
  logger: Logger,
): Promise<{ videoId: string; output: VideoTranscoded }> {
  const keys = videoKeys(uploaded.videoId)
  const output = { videoId: uploaded.videoId, renditions: RENDITIONS.map((r) => r.name), masterKey: keys.master }
  if (existsSync(resolveKey(dataDir, keys.master))) return { videoId: uploaded.videoId, output }
  const { timings, width } = await transcodeRenditions(
    resolveKey(dataDir, uploaded.sourceKey),
    resolveKey(dataDir, keys.dir),
  )
  await putObject(dataDir, keys.master, masterPlaylist(RENDITIONS, width))
  logger.info({ videoId: uploaded.videoId, timings }, 'transcoded')
  return { videoId: uploaded.videoId, output }
}
