import { type Logger, seededRandom } from '@wired/runtime'
import type { ApiClient } from '../adapters/api-client'
import { EdgeClient } from '../adapters/edge-client'
import {
  commentText,
  mediaPlaylistsOf,
  nextRendition,
  pickRendition,
  pickVideo,
  reactionAfterWatching,
  segmentsOf,
  segmentWaitMs,
} from '../domain/viewing'
import { pause } from './pause'

export interface ViewingOptions {
  viewers: number
  speedup: number
  signal: AbortSignal
  logger: Logger
}

/** What the progress line reads: updated by every viewer as it goes. */
export interface ViewingCounters {
  watching: number
  segments: number
  failures: number
}

/**
 * N viewers, each a loop: pick a ready video, count a view (REST), then play it from the edge as
 * hls.js does (HTTP/2: master playlist → one rendition's playlist → its segments, one segment per
 * segment-duration of wall time), switching rendition now and then, and maybe like or comment.
 * Resolves when every viewer has stopped (the signal).
 */
export async function watchVideos(api: ApiClient, edgeUrl: string, options: ViewingOptions, counters: ViewingCounters) {
  const { signal } = options
  const random = seededRandom(Date.now() % 2 ** 31)

  async function play(edge: EdgeClient, videoId: string) {
    const base = `/videos/${videoId}/`
    const renditions = mediaPlaylistsOf(await edge.text(`${base}master.m3u8`))
    const playlists = new Map<string, ReturnType<typeof segmentsOf>>()
    const playlist = async (rendition: string) => {
      if (!playlists.has(rendition)) playlists.set(rendition, segmentsOf(await edge.text(base + rendition)))
      return playlists.get(rendition)!
    }
    let rendition = pickRendition(renditions, random)
    if (!rendition) return
    // Renditions are cut at the same times, so segment i of one is segment i of another.
    for (let index = 0; !signal.aborted; index += 1) {
      const segments = await playlist(rendition)
      const segment = segments[index]
      if (!segment) return
      const dir = rendition.slice(0, rendition.lastIndexOf('/') + 1)
      const answer = await edge.get(base + dir + segment.uri)
      if (answer.status !== 200) throw new Error(`segment ${segment.uri}: ${answer.status}`)
      counters.segments += 1
      await pause(segmentWaitMs(segment.seconds, options.speedup), signal)
      rendition = nextRendition(rendition, renditions, random)
    }
  }

  async function viewer(number: number) {
    await pause(number * 300, signal) // staggered, as people do not all press play at once
    const edge = new EdgeClient(edgeUrl)
    try {
      let token: string | undefined
      while (!signal.aborted) {
        try {
          token ??= await api.signIn(`sim-viewer-${number}`)
          const video = pickVideo(await api.readyVideos(), random)
          if (!video) {
            await pause(2_000, signal)
            continue
          }
          await api.view(token, video.id)
          counters.watching += 1
          try {
            await play(edge, video.id)
          } finally {
            counters.watching -= 1
          }
          if (signal.aborted) break
          const reaction = reactionAfterWatching(random)
          if (reaction === 'like') await api.like(token, video.id)
          if (reaction === 'comment') await api.comment(token, video.id, commentText(random))
          // A moment to choose the next one; not sped up, so the api sees people's pace of REST calls.
          await pause(1_000 + random() * 1_000, signal)
        } catch (error) {
          // An edge or api restart: this viewer retries in a moment, the others carry on.
          counters.failures += 1
          options.logger.debug({ err: error, viewer: number }, 'viewer hit an error')
          await pause(2_000, signal)
        }
      }
    } finally {
      edge.close()
    }
  }

  await Promise.all(Array.from({ length: options.viewers }, (_, i) => viewer(i + 1)))
}
