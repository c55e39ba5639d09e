/**
 * What ffprobe says a file is. The upload check and the transcoder both ask it: a file is a
 * video because a demuxer and a decoder accept it, never because of its name or content type.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface Probe {
  format: string
  durationSeconds: number
  width: number
  height: number
  hasAudio: boolean
}

/** undefined when ffprobe cannot read the file as a video (not a video, truncated, empty). */
export async function probeVideo(path: string): Promise<Probe | undefined> {
  let stdout: string
  try {
    ;({ stdout } = await run(
      'ffprobe',
      [
        '-v',
        'error',
        '-show_entries',
        'format=format_name,duration:stream=codec_type,width,height',
        '-of',
        'json',
        path,
      ],
      { timeout: 10_000 },
    ))
  } catch {
    return undefined
  }
  const parsed = JSON.parse(stdout) as {
    format?: { format_name?: string; duration?: string }
    streams?: { codec_type?: string; width?: number; height?: number }[]
  }
  const video = parsed.streams?.find((stream) => stream.codec_type === 'video' && stream.width && stream.height)
  const durationSeconds = Number(parsed.format?.duration)
  if (!video || !Number.isFinite(durationSeconds) || durationSeconds <= 0) return undefined
  // A still image (png, jpeg) is a one-frame "video" to ffprobe: refuse image demuxers.
  const format = parsed.format?.format_name ?? ''
  if (/image2|_pipe|png|jpeg|gif|webp|bmp/.test(format)) return undefined
  return {
    format,
    durationSeconds,
    width: video.width!,
    height: video.height!,
    hasAudio: parsed.streams?.some((stream) => stream.codec_type === 'audio') ?? false,
  }
}
