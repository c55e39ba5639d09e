import { Api, el } from '/api.js'
import { createWirePanel } from '/wire/panel.js'

const $ = (id) => document.getElementById(id)
const api = new Api()
// The upload's trace follows the video through every Kafka stage: keep watching for a while.
const wire = createWirePanel($('wire'), { maxMs: 60_000 })

const who = () => {
  $('who').textContent = api.user ? `signed in as ${api.user}` : 'sign in to upload'
}
who()

async function refresh() {
  if (!api.token) return
  const { data } = await api.call('GET', '/v1/me/videos')
  $('mine').replaceChildren(
    ...data.map((video) => {
      const item = el('li', undefined, 'video')
      item.dataset.id = video.id
      item.dataset.state = video.state
      const label = el('span', `${video.title} · ${video.state}${video.reason ? ` (${video.reason})` : ''}`)
      item.append(label)
      if (video.state === 'ready') {
        const link = el('a', ' watch')
        link.href = `/?v=${video.id}`
        item.append(link)
      }
      return item
    }),
  )
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault()
  try {
    await api.signIn($('name').value, wire.begin('sign in'))
    who()
    await refresh()
  } catch (error) {
    $('error').textContent = error.message
  }
})

$('upload').addEventListener('submit', async (event) => {
  event.preventDefault()
  $('error').textContent = ''
  const file = $('file').files[0]
  try {
    await api.call('POST', `/v1/videos?title=${encodeURIComponent($('title').value)}`, {
      raw: file,
      type: file.type || 'application/octet-stream',
      traceparent: wire.begin(`upload ${file.name}`),
    })
    await refresh()
  } catch (error) {
    $('error').textContent = `${error.status ?? ''} ${error.message}`
  }
})

await refresh().catch(() => undefined)
setInterval(() => refresh().catch(() => undefined), 1_000)
