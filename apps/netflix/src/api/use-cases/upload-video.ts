/**
 * An upload, as a story: store the bytes under a temporary name → ask ffprobe what they are
 * (the name and the content type prove nothing) → refuse what is not a readable video, leaving
 * nothing behind → keep the file → record the video → announce it on netflix.uploaded.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { type EventLog, encodeEvent } from '@wired/events'
import { AppError } from '@wired/runtime'
import { resolveKey, videoKeys } from '../../shared/object-store'
import { probeVideo } from '../../shared/probe'
import { VideoUploadedEvent } from '../../shared/topics'
import type { VideoRepository } from '../adapters/video.repository'

export const newVideoId = () => `v_${randomBytes(9).toString('base64url')}`

export interface UploadDeps {
  dataDir: string
  videos: VideoRepository
  eventLog: EventLog
  uploadedTopic: string
}

export async function uploadVideo(deps: UploadDeps, upload: { ownerId: string; title: string; bytes: Buffer }) {
  const id = newVideoId()
  const keys = videoKeys(id)
  const incoming = resolveKey(deps.dataDir, `uploads/incoming-${id}.bin`)
  await mkdir(dirname(incoming), { recursive: true })
  await writeFile(incoming, upload.bytes)
  const probe = await probeVideo(incoming)
  if (!probe) {
    await rm(incoming, { force: true })
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'not a video ffprobe can read (wrong type, or truncated)')
  }
  await rename(incoming, resolveKey(deps.dataDir, keys.source))
  await deps.videos.create({ id, ownerId: upload.ownerId, title: upload.title, durationSeconds: probe.durationSeconds })
  // A crash between the INSERT and this publish leaves the video 'uploaded' for good; an outbox
  // (@wired/db/outbox, as Robinhood's order service uses it) closes that gap: a workshop exercise in the README.
  await deps.eventLog.publish(deps.uploadedTopic, [
    {
      key: id,
      ...encodeEvent(VideoUploadedEvent, {
        videoId: id,
        ownerId: upload.ownerId,
        title: upload.title,
        sourceKey: keys.source,
        durationSeconds: probe.durationSeconds,
      }),
    },
  ])
  return { id, durationSeconds: probe.durationSeconds, width: probe.width, height: probe.height, format: probe.format }
}
