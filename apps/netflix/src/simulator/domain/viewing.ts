/**
 * A simulated viewer's decisions, pure and driven by a random source so a test can replay them:
 * which video, which rendition, when to switch, when to like or comment, how long a segment
 * takes to play, and what the progress line says. The adapters only fetch what these choose.
 */
export type Random = () => number

/** Popular first: the catalogue's first videos are drawn more often (a Zipf-ish weight 1/rank). */
export function pickVideo<T>(videos: readonly T[], random: Random): T | undefined {
  if (videos.length === 0) return undefined
  const weights = videos.map((_, rank) => 1 / (rank + 1))
  let target = random() * weights.reduce((a, b) => a + b, 0)
  for (const [index, weight] of weights.entries()) {
    target -= weight
    if (target <= 0) return videos[index]
  }
  return videos.at(-1)
}

/**
 * The rendition a player starts on: hls.js starts low and climbs, so most viewers begin on the
 * first (lowest) rendition the master lists; a few (a fast connection remembered) start higher.
 */
export function pickRendition(renditions: readonly string[], random: Random): string | undefined {
  if (renditions.length <= 1 || random() < 0.6) return renditions[0]
  return renditions[1 + Math.floor(random() * (renditions.length - 1))]
}

/** After a segment, an ABR switch now and then (bandwidth changed): to a different rendition. */
export function nextRendition(current: string, renditions: readonly string[], random: Random, switchChance = 0.1) {
  const others = renditions.filter((r) => r !== current)
  if (others.length === 0 || random() >= switchChance) return current
  return others[Math.floor(random() * others.length)]!
}

export type Reaction = 'like' | 'comment' | 'none'

/** After watching a video: some like it, fewer comment, most do neither (the REST write load stays small). */
export function reactionAfterWatching(random: Random, chances = { like: 0.3, comment: 0.1 }): Reaction {
  const draw = random()
  if (draw < chances.comment) return 'comment'
  if (draw < chances.comment + chances.like) return 'like'
  return 'none'
}

const COMMENTS = [
  'Nice test pattern',
  'The 720p looks sharp',
  'Great sound: 440 Hz',
  'Watched it twice',
  'Buffered once, fine after',
]

export const commentText = (random: Random) => COMMENTS[Math.floor(random() * COMMENTS.length)]!

/** How long to wait before fetching the next segment: its duration, divided by the speed-up (real time at 1). */
export const segmentWaitMs = (segmentSeconds: number, speedup: number) =>
  Math.max(0, Math.round((segmentSeconds * 1000) / Math.max(1, speedup)))

/** A master playlist's media playlists, in listed order (lowest first, as the origin writes them). */
export const mediaPlaylistsOf = (master: string) =>
  master
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && line.endsWith('.m3u8'))

/** A media playlist's segments with their durations (#EXTINF:<seconds>,). */
export function segmentsOf(playlist: string): { uri: string; seconds: number }[] {
  const segments: { uri: string; seconds: number }[] = []
  let seconds = 0
  for (const raw of playlist.split('\n')) {
    const line = raw.trim()
    if (line.startsWith('#EXTINF:')) seconds = Number.parseFloat(line.slice(8)) || 0
    else if (line !== '' && !line.startsWith('#')) segments.push({ uri: line, seconds })
  }
  return segments
}

export interface Progress {
  watching: number
  segments: number
  seconds: number
  hitRatio: number | undefined
}

export function progressLine(p: Progress): string {
  const rate = p.seconds > 0 ? p.segments / p.seconds : 0
  // A few real-time viewers fetch about one segment a second between them: keep a decimal there.
  const segments = rate < 10 ? String(Math.round(rate * 10) / 10) : String(Math.round(rate))
  const ratio = p.hitRatio === undefined ? 'unknown' : p.hitRatio.toFixed(2)
  return `viewers: ${p.watching} watching, ${segments} segments/s, edge hit ratio ${ratio}`
}

/**
 * Whether the simulator uploads its sample clip: only when nothing is ready to watch and it has
 * no upload of its own on the way (a restart while the first one is still in the pipeline must
 * not upload a second). A rejected upload of its own does not count: it may try again.
 */
export function needsSample(readyVideos: number, ownStates: readonly string[]): boolean {
  return readyVideos === 0 && !ownStates.some((state) => state !== 'rejected')
}
