/**
 * The viewer page: the live list (REST, refreshed), a live stream through the edge with hls.js
 * (latency shown: now − the program date time of the frame on screen), the rendition, the viewer
 * count, chat on one of the two chat servers, clips, and the VOD once the stream has ended.
 */
import { createWirePanel } from '/wire/panel.js'
import { call, element, session, signUp } from './api.js'
import { createChatPanel } from './chat-panel.js'
import { clipFlow } from './clips.js'
import { seconds } from './latency.js'
import { createPlayer } from './player.js'

const $ = (id) => document.getElementById(id)
const wire = createWirePanel($('wire'))
const TARGET_MS = 4000
let current // { channel, streamId, playbackUrl, ended }

const showError = (error) => {
  $('error').textContent = error ? error.message : ''
}

const player = createPlayer($('player'), {
  onLevels(levels) {
    const auto = element('option', 'auto')
    auto.value = '-1'
    const options = levels.map(({ index, height }) => Object.assign(element('option', `${height}p`), { value: index }))
    $('rendition').replaceChildren(auto, ...options)
  },
  onLevel(height) {
    $('playing').textContent = `playing ${height}p`
    document.body.dataset.level = String(height)
  },
  onLatency(ms, recent) {
    if (current?.ended) return // the REST answer saw the end before the playlist did
    const { p50 } = recent.summary()
    $('latency').textContent = `latency ${seconds(ms)} (median ${seconds(p50)}, target ≤ ${seconds(TARGET_MS)})`
    $('latency').dataset.ms = String(Math.round(ms))
    $('latency').dataset.overTarget = String(p50 > TARGET_MS)
  },
  onEnded: () => showEnded(),
  onError: (message) => showError(new Error(message)),
})

const chat = createChatPanel({ wire, moderate: false })

function showEnded() {
  if (current) current.ended = true
  $('stream-state').textContent = 'stream ended: replay'
  $('stream-state').dataset.live = 'false'
  $('latency').textContent = ''
  delete $('latency').dataset.ms
  $('replay').hidden = false
  $('clip').disabled = true
}

function liveItem(stream) {
  const item = element('li')
  item.dataset.channel = stream.channel
  item.classList.toggle('current', stream.channel === current?.channel)
  const button = element('button', `${stream.channel} · ${stream.viewers} watching`)
  button.type = 'button'
  button.addEventListener('click', () => watch(stream.channel).catch(showError))
  item.append(button)
  return item
}

async function refreshLive() {
  const { streams } = await call('GET', '/api/streams/live')
  $('live').replaceChildren(...streams.map(liveItem))
  $('live').dataset.count = String(streams.length)
  $('no-live').hidden = streams.length > 0
}

/** The edge's own counters (GET /stats, CORS open): every viewer's playlist polls and segments hit it. */
async function refreshEdgeStats() {
  if (!current) return
  try {
    const stats = await (await fetch(new URL('/stats', current.playbackUrl), { cache: 'no-store' })).json()
    const data = stats.data ?? stats
    $('edge-stats').textContent =
      `edge cache: ${data.requests} requests, hit ratio ${Number(data.hitRatio).toFixed(2)}, ${data.originRequests} to the origin`
  } catch {
    $('edge-stats').textContent = 'edge stats unavailable (accept the edge certificate: link above)'
  }
}

/** GET /api/streams/:channel: the viewer count (chat sockets on both servers) and whether it is live. */
async function refreshStream() {
  if (!current) return
  const info = await call('GET', `/api/streams/${encodeURIComponent(current.channel)}`)
  $('viewers').textContent = `${info.viewers} watching`
  $('viewers').dataset.count = String(info.viewers)
  // The REST answer can see the end before the next playlist refresh does.
  if (!info.live && info.streamId === current.streamId && !current.ended) showEnded()
  return info
}

async function watch(channel, traceparent = wire.begin(`watch ${channel}`)) {
  showError()
  const info = await call('GET', `/api/streams/${encodeURIComponent(channel)}`, { traceparent })
  if (!info.playbackUrl) throw new Error(`${channel} has not streamed yet`)
  current = { channel, streamId: info.streamId, playbackUrl: info.playbackUrl, ended: false }
  history.replaceState(null, '', `?channel=${encodeURIComponent(channel)}`)
  $('title').textContent = channel
  $('edge-link').href = new URL('/stats', info.playbackUrl).href
  $('edge-note').hidden = false
  $('replay').hidden = true
  $('stream-state').dataset.live = String(info.live)
  $('stream-state').textContent = info.live ? 'LIVE' : 'stream ended: replay'
  $('clip').disabled = !info.live
  for (const item of document.querySelectorAll('#live li'))
    item.classList.toggle('current', item.dataset.channel === channel)
  player.load(info.playbackUrl)
  if (!info.live) showEnded()
  chat.connect(channel, info.chatUrls)
  await refreshStream()
}

function showWho() {
  const user = session.user()
  $('sign-up').hidden = !!user
  $('who').textContent = user ? `chatting as ${user.name}` : 'pick a name to chat and clip (watching needs none)'
}

$('sign-up').addEventListener('submit', async (event) => {
  event.preventDefault()
  $('chat-error').textContent = ''
  try {
    await signUp($('name').value.trim(), wire.begin('sign up'))
    showWho()
    chat.reconnect()
  } catch (error) {
    $('chat-error').textContent = error.message
  }
})
$('rendition').addEventListener('change', () => player.setLevel(Number($('rendition').value)))
$('replay').addEventListener('click', () => player.replay())
clipFlow(
  { button: $('clip'), status: $('clip-status'), link: $('clip-link'), video: $('clip-video'), wire },
  () => current?.channel,
)

// For the benchmark and the test: the latency of the frame on screen right now.
window.twitchViewer = { latencyNow: () => player.latencyNow(), hls: () => player.hls }

showWho()
await refreshLive().catch(showError)
const wanted = new URLSearchParams(location.search).get('channel')
if (wanted) await watch(wanted).catch(showError)
// People go live and stop while you look; the viewer count moves with the chat sockets.
setInterval(() => {
  refreshLive().catch(() => undefined)
  refreshStream().catch(() => undefined)
  refreshEdgeStats()
}, 3000)
document.body.dataset.ready = 'true'
