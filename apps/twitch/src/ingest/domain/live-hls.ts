/**
 * How one live stream becomes HLS: one ffmpeg per stream pulls the publish back from our own RTMP
 * server and writes both renditions (one decode, two x264 encodes), and the master playlist we
 * write ourselves once both renditions have a first segment (it is the "playable" marker).
 *
 * Why these flags (the latency budget of SCENARIOS.md §10, glass-to-glass ≤ 4 s):
 *  - a keyframe every second (`-force_key_frames`) and `-hls_time 1`: a segment can only start at a
 *    keyframe, so the publisher's GOP (OBS: often 2 s) would otherwise set the segment length;
 *  - x264 `ultrafast` + `zerolatency`: no lookahead, no B-frames, frames leave the encoder at once;
 *  - `-hls_playlist_type event`: the playlist keeps every segment, so when the stream ends the same
 *    URL is the whole VOD (ffmpeg adds #EXT-X-ENDLIST when its input ends or it is interrupted);
 *  - `program_date_time`: each segment carries the wall clock of its first frame, which is what a
 *    viewer measures latency against;
 *  - `temp_file`: segments and playlists are written under a temporary name and renamed, so the
 *    origin never serves half a file;
 *  - `-rw_timeout`: if our own RTMP server goes away (the ingest process was killed), ffmpeg's read
 *    fails after this long and it exits: no orphan encoder.
 */
import { RENDITIONS } from '../../shared/media-paths'

export function liveHlsArgs(options: { inputUrl: string; outDir: string; inputTimeoutMs: number }): string[] {
  const { inputUrl, outDir } = options
  const split = `[0:v]split=${RENDITIONS.length}${RENDITIONS.map((_, i) => `[in${i}]`).join('')}`
  const scales = RENDITIONS.map((r, i) => `[in${i}]scale=${r.width}:${r.height},setsar=1[out${i}]`)
  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    ...['-rw_timeout', String(options.inputTimeoutMs * 1000), '-fflags', 'nobuffer', '-analyzeduration', '1000000'],
    ...['-i', inputUrl],
    ...['-filter_complex', [split, ...scales].join(';')],
    ...RENDITIONS.flatMap((r, i) => [
      ...['-map', `[out${i}]`, '-map', '0:a?'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
      ...['-b:v', `${r.videoKbps}k`, '-maxrate', `${r.videoKbps}k`, '-bufsize', `${r.videoKbps * 2}k`],
      ...['-force_key_frames', 'expr:gte(t,n_forced*1)', '-sc_threshold', '0'],
      ...['-c:a', 'aac', '-b:a', '96k', '-ac', '2', '-ar', '44100'],
      ...['-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'event'],
      ...['-hls_flags', 'program_date_time+independent_segments+temp_file'],
      ...['-hls_segment_filename', `${outDir}/${r.name}/%d.ts`, `${outDir}/${r.name}/index.m3u8`],
    ]),
  ]
}

/** The master playlist: both renditions, highest first (hls.js starts on the first and adapts). */
export function masterPlaylist(): string {
  const variants = RENDITIONS.map(
    (r) =>
      `#EXT-X-STREAM-INF:BANDWIDTH=${(r.videoKbps + 96) * 1000},RESOLUTION=${r.width}x${r.height}\n${r.name}/index.m3u8`,
  )
  return ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS', ...variants, ''].join('\n')
}

/** A playlist a dead encoder left without its end marker, closed so players treat it as a VOD. */
export function withEndList(playlist: string): string {
  if (playlist.includes('#EXT-X-ENDLIST')) return playlist
  return `${playlist.endsWith('\n') ? playlist : `${playlist}\n`}#EXT-X-ENDLIST\n`
}
