/**
 * "Clip the last 30 s": POST /api/streams/:channel/clips answers 202 at once with a clip id, the
 * api puts a job on Kafka (twitch.clip-jobs) and the clipper cuts it with ffmpeg; the page polls
 * GET /api/clips/:id until it is ready (a link and a player on the edge) or failed. A job is work
 * that takes seconds: 202 + polling keeps the request short and lets the clipper run elsewhere.
 */
import { call } from './api.js'

const POLL_MS = 1000
const GIVE_UP_MS = 60_000

/**
 * @param {{ button: HTMLButtonElement, status: HTMLElement, link: HTMLAnchorElement, video: HTMLVideoElement,
 *   wire: { begin(label: string): string } }} ui
 * @param {() => string | undefined} channelNow the channel on screen
 */
export function clipFlow(ui, channelNow) {
  const show = (state, text) => {
    ui.status.textContent = text
    ui.status.dataset.state = state
  }

  ui.button.addEventListener('click', async () => {
    const channel = channelNow()
    if (!channel) return
    ui.button.disabled = true
    ui.link.hidden = true
    ui.video.hidden = true
    try {
      const { clipId } = await call('POST', `/api/streams/${encodeURIComponent(channel)}/clips`, {
        traceparent: ui.wire.begin('clip the last 30 s'),
      })
      show('pending', `clip ${clipId}: cutting…`)
      const clip = await until(clipId)
      if (clip.status === 'ready') {
        show('ready', `clip ready (${((clip.durationMs ?? 0) / 1000).toFixed(1)} s)`)
        ui.link.href = clip.url
        ui.link.hidden = false
        ui.video.src = clip.url
        ui.video.hidden = false
      } else show(clip.status, `clip ${clip.status}${clip.error ? `: ${clip.error}` : ''}`)
    } catch (error) {
      show('error', error.status === 401 ? 'join chat (pick a name) to make clips' : error.message)
    } finally {
      ui.button.disabled = false
    }
  })
}

async function until(clipId) {
  const deadline = Date.now() + GIVE_UP_MS
  for (;;) {
    const clip = await call('GET', `/api/clips/${encodeURIComponent(clipId)}`)
    if (clip.status !== 'pending') return clip
    if (Date.now() > deadline) return { ...clip, status: 'failed', error: 'still pending after 60 s' }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
