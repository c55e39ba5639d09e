/**
 * One hls.js player on a <video>: live HLS from the edge over HTTP/2 + TLS, tuned for latency,
 * and the same URL as a VOD once the stream has ended (the playlists get EXT-X-ENDLIST).
 *
 * hls.js is the classic script /vendor/hls.min.js (the installed package, served by the api),
 * loaded before the page's module: it defines `window.Hls`.
 */
import { LatencyWindow, latencyMs } from './latency.js'

/**
 * Where the latency goes (segments are ~1 s, so the target duration is 1 s): a segment is
 * published only once it is complete (~1 s), the player polls the playlist every target duration
 * (the edge may answer a copy up to 1 s old: max-age=1), and then holds `liveSyncDurationCount`
 * target durations behind the newest segment so that a late refresh does not stall playback.
 */
export const LIVE_SETTINGS = Object.freeze({
  // 2 × 1 s behind the live edge: the default (3) adds a second; 1 stalls whenever a refresh is late.
  liveSyncDurationCount: 2,
  // Drifted more than 4 s behind (a stall, a throttled tab): jump back to the sync point.
  liveMaxLatencyDurationCount: 4,
  // In between, catch up by playing up to 10 % faster rather than jumping.
  maxLiveSyncPlaybackRate: 1.1,
  // Nothing past the sync point exists yet; keep little behind the playhead too (memory).
  maxBufferLength: 6,
  backBufferLength: 30,
  // Transmuxing (MPEG-TS → fMP4 for MSE) in hls.js's worker, which it starts from a blob: URL:
  // the page's CSP allows exactly that (worker-src 'self' blob:), and playback stays off the main thread.
  enableWorker: true,
  // These playlists have no LL-HLS parts; plain short segments are the low-latency option here.
  lowLatencyMode: false,
})

const MANIFEST_RETRIES = 20

/**
 * @param {HTMLVideoElement} video
 * @param {{ onLevels?(levels: Array<{ index: number, height: number }>): void, onLevel?(height: number): void,
 *   onLatency?(ms: number, window: LatencyWindow): void, onEnded?(): void, onError?(message: string): void }} handlers
 */
export function createPlayer(video, handlers = {}) {
  const Hls = window.Hls
  const window_ = new LatencyWindow(20)
  let hls
  let url
  let ended = false
  let retries = 0
  let retryTimer

  const sample = () => {
    if (!hls || ended || video.paused) return
    const ms = latencyMs(Date.now(), hls.playingDate)
    if (ms === undefined) return
    window_.add(ms)
    handlers.onLatency?.(ms, window_)
  }
  const sampler = setInterval(sample, 500)

  function attach() {
    hls?.destroy()
    hls = new Hls(LIVE_SETTINGS)
    hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
      retries = 0
      handlers.onLevels?.(data.levels.map((level, index) => ({ index, height: level.height })))
      video.play().catch(() => undefined) // muted autoplay is allowed; a refusal leaves the controls
    })
    hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => handlers.onLevel?.(hls.levels[data.level]?.height ?? 0))
    // A refreshed playlist that is no longer live has EXT-X-ENDLIST: the stream ended, and hls.js
    // stops polling and plays what is left; the same URL is now the VOD.
    hls.on(Hls.Events.LEVEL_UPDATED, (_event, data) => {
      if (!data.details.live && !ended) {
        ended = true
        handlers.onEnded?.()
      }
    })
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return
      // A stream that just went live has no playlist until its first segment is cut: retry.
      if (data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR && retries++ < MANIFEST_RETRIES) {
        retryTimer = setTimeout(attach, 1000)
        return
      }
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError()
      else if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad()
      handlers.onError?.(`player: ${data.details}`)
    })
    hls.loadSource(url)
    hls.attachMedia(video)
  }

  return {
    get hls() {
      return hls
    },
    get ended() {
      return ended
    },
    latencyWindow: window_,
    /** Plays `playbackUrl` (a master playlist on the edge), live or VOD. */
    load(playbackUrl) {
      clearTimeout(retryTimer)
      url = playbackUrl
      ended = false
      retries = 0
      window_.clear()
      attach()
    },
    /** -1: automatic (hls.js picks by measured bandwidth); else a rendition, from its next segment. */
    setLevel(index) {
      if (hls) hls.currentLevel = index
    },
    /** The frame on screen, now: its latency in ms (undefined before a dated frame plays). */
    latencyNow: () => (hls && !ended ? latencyMs(Date.now(), hls.playingDate) : undefined),
    replay() {
      video.currentTime = 0
      video.play().catch(() => undefined)
    },
    destroy() {
      clearInterval(sampler)
      clearTimeout(retryTimer)
      hls?.destroy()
      hls = undefined
    },
  }
}
