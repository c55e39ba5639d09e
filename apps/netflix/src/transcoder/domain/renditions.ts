/**
 * The renditions every upload is cut into, and the ffmpeg arguments for one of them. H.264 Main
 * + AAC in MPEG-TS segments plays in every HLS player and in Chromium's MSE through hls.js.
 * Segments are 2 s with a keyframe forced at each boundary, so every segment starts with one
 * and a player can switch rendition between any two (the guide's adaptive bitrate).
 */
export interface Rendition {
  name: string
  height: number
  videoKbps: number
  /** For the master playlist's BANDWIDTH: video + 96 kb/s audio + container overhead. */
  bandwidth: number
}

export const RENDITIONS: Rendition[] = [
  { name: '360p', height: 360, videoKbps: 800, bandwidth: 1_000_000 },
  { name: '720p', height: 720, videoKbps: 2_500, bandwidth: 2_800_000 },
]

export const SEGMENT_SECONDS = 2
/** H.264 Main profile level 3.1, AAC-LC: what the master playlist announces. */
export const CODECS = 'avc1.4d401f,mp4a.40.2'

export function ffmpegArgs(source: string, outDir: string, rendition: Rendition, hasAudio: boolean): string[] {
  const kbps = rendition.videoKbps
  return [
    '-v',
    'error',
    '-y',
    '-i',
    source,
    '-map',
    '0:v:0',
    ...(hasAudio ? ['-map', '0:a:0'] : []),
    '-vf',
    `scale=-2:${rendition.height}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-profile:v',
    'main',
    '-level',
    '3.1',
    '-pix_fmt',
    'yuv420p',
    '-b:v',
    `${kbps}k`,
    '-maxrate',
    `${kbps}k`,
    '-bufsize',
    `${kbps * 2}k`,
    '-force_key_frames',
    `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    '-sc_threshold',
    '0',
    ...(hasAudio ? ['-c:a', 'aac', '-b:a', '96k', '-ac', '2', '-ar', '48000'] : []),
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SECONDS),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_filename',
    `${outDir}/seg_%03d.ts`,
    `${outDir}/index.m3u8`,
  ]
}

/** The master playlist: one line per rendition, lowest first (hls.js starts from its estimate). */
export function masterPlaylist(renditions: Rendition[], width: (height: number) => number): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3']
  for (const rendition of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${rendition.bandwidth},RESOLUTION=${width(rendition.height)}x${rendition.height},CODECS="${CODECS}",NAME="${rendition.name}"`,
      `${rendition.name}/index.m3u8`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** libx264 needs even sizes: the width that keeps the source's aspect at this height. */
export const evenWidth = (sourceWidth: number, sourceHeight: number) => (height: number) =>
  Math.max(2, Math.round((sourceWidth * height) / sourceHeight / 2) * 2)
