/**
 * The streamer page: sign up (the name is the channel), "Go live" (POST /api/streams answers the
 * RTMP URL and the stream key to put in OBS or `./wired stream`), live status and viewer count
 * (GET /api/streams/:channel, polled), a preview through the same edge viewers use, chat with
 * moderation, and "Stop stream" (DELETE /api/streams/:channel: the ingest ends it, the VOD stays).
 */
import { createWirePanel } from '/wire/panel.js'
import { call, session, signUp } from './api.js'
import { createChatPanel } from './chat-panel.js'
import { seconds } from './latency.js'
import { createPlayer } from './player.js'

const $ = (id) => document.getElementById(id)
const wire = createWirePanel($('wire'))
const chat = createChatPanel({ wire, moderate: true })
let previewing // the streamId in the preview

const showError = (error) => {
  $('error').textContent = error ? error.message : ''
}
const preview = createPlayer($('preview'), {
  onLatency: (ms) => {
    $('latency').textContent = `your viewers are ${seconds(ms)} behind you`
    $('latency').dataset.ms = String(Math.round(ms))
  },
  onEnded: () => {
    $('stream-state').textContent = 'stream ended: the preview is the replay'
    $('latency').textContent = ''
  },
  onError: (message) => showError(new Error(message)),
})

function showMe() {
  const user = session.user()
  $('sign-up').hidden = !!user
  $('me').hidden = !user
  if (!user) return
  $('who').textContent = `channel ${user.name}`
  refresh().catch(showError)
}

async function refresh() {
  const user = session.user()
  if (!user) return
  const info = await call('GET', `/api/streams/${encodeURIComponent(user.name)}`)
  $('status').textContent = info.live ? 'LIVE' : info.endedAt ? 'offline (last stream ended)' : 'offline'
  $('status').dataset.live = String(info.live)
  $('viewers').textContent = `${info.viewers} in chat`
  $('viewers').dataset.count = String(info.viewers)
  $('stop').disabled = !info.live
  chat.connect(user.name, info.chatUrls)
  refreshAnalytics(user.name).catch(() => undefined)
  if (info.live && info.playbackUrl && info.streamId !== previewing) {
    previewing = info.streamId
    $('edge-link').href = new URL('/stats', info.playbackUrl).href
    $('edge-note').hidden = false
    $('preview').hidden = false
    $('stream-state').textContent = 'preview: what viewers get, through the edge'
    preview.load(info.playbackUrl)
  }
}

/** The analytics service's count, fed by every chat server's ChatMessagePosted records: the last 5 minutes. */
async function refreshAnalytics(channel) {
  const { perMinute } = await call('GET', `/api/streams/${encodeURIComponent(channel)}/analytics`)
  $('analytics').replaceChildren(
    ...perMinute.slice(-5).map(({ minute, messages }) => {
      const item = document.createElement('li')
      item.textContent = `${new Date(minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${messages}`
      return item
    }),
  )
}

$('sign-up').addEventListener('submit', async (event) => {
  event.preventDefault()
  showError()
  try {
    await signUp($('name').value.trim(), wire.begin('sign up'))
    showMe()
  } catch (error) {
    showError(error)
  }
})
$('sign-out').addEventListener('click', () => {
  session.clear()
  location.reload()
})

$('go-live').addEventListener('click', async () => {
  showError()
  try {
    const { rtmpUrl, streamKey } = await call('POST', '/api/streams', { traceparent: wire.begin('go live') })
    $('rtmp-url').textContent = rtmpUrl
    $('stream-key').textContent = streamKey
    $('command').textContent = `./wired stream ${rtmpUrl}/${streamKey}`
    $('ingest').hidden = false
  } catch (error) {
    showError(error)
  }
})

$('stop').addEventListener('click', async () => {
  showError()
  try {
    await call('DELETE', `/api/streams/${encodeURIComponent(session.user().name)}`, {
      traceparent: wire.begin('stop the stream'),
    })
    $('status').textContent = 'stopping…'
  } catch (error) {
    showError(error)
  }
})

// Copy buttons: the clipboard API, else leave the text selected for Ctrl+C.
for (const button of document.querySelectorAll('button.copy')) {
  button.addEventListener('click', async () => {
    const text = $(button.dataset.copy).textContent
    try {
      await navigator.clipboard.writeText(text)
      button.textContent = 'copied'
    } catch {
      getSelection()?.selectAllChildren($(button.dataset.copy))
    }
    setTimeout(() => {
      button.textContent = 'copy'
    }, 1500)
  })
}

window.twitchStreamer = { latencyNow: () => preview.latencyNow() }
showMe()
setInterval(() => refresh().catch(() => undefined), 2000)
document.body.dataset.ready = 'true'
