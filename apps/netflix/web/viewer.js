import { Api, el } from '/api.js'
import { createWirePanel } from '/wire/panel.js'

const $ = (id) => document.getElementById(id)
const api = new Api()
const wire = createWirePanel($('wire'))
const config = await (await fetch('/config.json')).json()
$('edge-link').href = `${config.edgeUrl}/stats`
let current
let hls
let nextComments = null

const showError = (error) => {
  $('error').textContent = error ? error.message : ''
}
const who = () => {
  $('who').textContent = api.user ? `signed in as ${api.user}` : 'sign in to like, comment and count your views'
}
who()

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    await api.signIn($('name').value, wire.begin('sign in'))
    who()
  } catch (error) {
    showError(error)
  }
})

function videoItem(video, onPick) {
  const item = el('li', undefined, 'video')
  const img = el('img')
  img.alt = ''
  if (video.thumbnailUrl) img.src = video.thumbnailUrl
  item.append(img, el('span', video.title))
  item.dataset.id = video.id
  item.addEventListener('click', () => onPick(video))
  return item
}

async function loadVideos() {
  const { data } = await api.call('GET', '/v1/videos')
  $('videos').replaceChildren(...data.map((video) => videoItem(video, play)))
}

async function loadComments(reset) {
  const query = reset || !nextComments ? '' : `&before=${nextComments}`
  const { data, meta } = await api.call('GET', `/v1/videos/${current.id}/comments?limit=5${query}`)
  const items = data.map((c) => el('li', `${c.userId}: ${c.text}`))
  if (reset) $('comments').replaceChildren(...items)
  else $('comments').append(...items)
  nextComments = meta?.next ?? null
  $('more-comments').hidden = !nextComments
}

async function refreshMeta() {
  const { data } = await api.call('GET', `/v1/videos/${current.id}`)
  $('views').textContent = `${data.views} views`
  $('likes').textContent = `${data.likes} likes`
  const recs = await api.call('GET', `/v1/videos/${current.id}/recommendations`)
  $('recommendations').replaceChildren(...recs.data.map((video) => videoItem(video, play)))
}

async function refreshEdgeStats() {
  try {
    const stats = (await (await fetch(`${config.edgeUrl}/stats`, { cache: 'no-store' })).json()).data
    $('edge-stats').textContent =
      `edge: ${stats.requests} requests, hit ratio ${stats.hitRatio.toFixed(2)}, ${stats.originRequests} to origin`
  } catch {
    $('edge-stats').textContent = 'edge stats unavailable (accept the edge certificate: link above)'
  }
}

function attachPlayer(url) {
  hls?.destroy()
  hls = new Hls({ maxBufferLength: 10 })
  hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
    const options = data.levels.map((level, index) => {
      const option = el('option', `${level.height}p`)
      option.value = String(index)
      return option
    })
    const auto = el('option', 'auto')
    auto.value = '-1'
    $('rendition').replaceChildren(auto, ...options)
    $('player')
      .play()
      .catch(() => undefined)
  })
  hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => {
    $('playing').textContent = `playing ${hls.levels[data.level].height}p`
    document.body.dataset.level = String(hls.levels[data.level].height)
  })
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (data.fatal) showError(new Error(`player: ${data.details}`))
  })
  hls.loadSource(url)
  hls.attachMedia($('player'))
}

async function play(video) {
  showError()
  current = video
  $('title').textContent = video.title
  $('like').disabled = false
  for (const item of document.querySelectorAll('li.video'))
    item.classList.toggle('current', item.dataset.id === video.id)
  attachPlayer(video.playbackUrl)
  if (api.token)
    await api.call('POST', `/v1/videos/${video.id}/views`, { traceparent: wire.begin('count a view') }).catch(showError)
  await refreshMeta()
  await loadComments(true)
  await refreshEdgeStats()
}

// Forcing a rendition: hls.js switches at the next segment boundary (every 2 s, a keyframe).
$('rendition').addEventListener('change', () => {
  if (hls) hls.currentLevel = Number($('rendition').value)
})

$('like').addEventListener('click', async () => {
  try {
    await api.call('PUT', `/v1/videos/${current.id}/likes/me`, { traceparent: wire.begin('like') })
    await refreshMeta()
  } catch (error) {
    showError(error)
  }
})

$('comment-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    await api.call('POST', `/v1/videos/${current.id}/comments`, {
      body: { text: $('comment').value },
      traceparent: wire.begin('comment'),
    })
    $('comment').value = ''
    await loadComments(true)
  } catch (error) {
    showError(error)
  }
})
$('more-comments').addEventListener('click', () => loadComments(false).catch(showError))

await loadVideos().catch(showError)
const wanted = new URLSearchParams(location.search).get('v')
if (wanted) {
  const { data } = await api.call('GET', `/v1/videos/${wanted}`)
  await play(data)
}
window.netflixReady = true
