/**
 * Which segments a clip is cut from: the newest ones of a media playlist whose durations add up
 * to at least the clip's length. Segments are cut at keyframes, every second (see the ingest's
 * live-hls.ts), so a "last 30 s" clip is 30 to 31 s long, with no re-encoding.
 */
export interface Segment {
  uri: string
  seconds: number
}

/** The segments of an HLS media playlist, in order. */
export function segmentsOf(playlist: string): Segment[] {
  const segments: Segment[] = []
  let seconds: number | undefined
  for (const line of playlist.split('\n').map((l) => l.trim())) {
    const duration = /^#EXTINF:([\d.]+)/.exec(line)
    if (duration) seconds = Number(duration[1])
    else if (line && !line.startsWith('#') && seconds !== undefined) {
      segments.push({ uri: line, seconds })
      seconds = undefined
    }
  }
  return segments
}

export function lastSeconds(segments: Segment[], seconds: number): Segment[] {
  const chosen: Segment[] = []
  let total = 0
  for (let i = segments.length - 1; i >= 0 && total < seconds; i -= 1) {
    chosen.unshift(segments[i]!)
    total += segments[i]!.seconds
  }
  return chosen
}

/** A clip's length in seconds: the job's, within 1–60; 0 (unset) means the default 30. */
export function clipSeconds(requested: number): number | undefined {
  if (requested === 0) return 30
  return Number.isInteger(requested) && requested >= 1 && requested <= 60 ? requested : undefined
}
