import { EditorState, RevisionGapError } from '/shared/editor-state.js'
import { diffToOp, transformCursor } from '/shared/text-op.js'
import { createWirePanel } from '/wire/panel.js'
import { showHistory } from './history.js'
import { renderDocument as render } from './presence.js'
import { longPollTransport, request, sseTransport, webSocketTransport } from './transports.js'

const $ = (id) => document.getElementById(id)
/** What crossed the wire for what this page did (packages/wire/web). */
const wire = createWirePanel($('wire'))
const config = await (await fetch('/config.json')).json()
const api = (method, path, body, label) =>
  request(method, `${config.apiUrl}${path}`, session.token, body, label ? wire.begin(label) : undefined)
let session = JSON.parse(sessionStorage.getItem('docs.session') ?? 'null')
let current // { docId, state, link, transport, presence: Map }

const chars = (text) => Array.from(text)
const newOpId = () => crypto.randomUUID().replaceAll('-', '').slice(0, 20)
/** Code point offset ↔ the textarea's UTF-16 offset. */
const toPoints = (text, units) => chars(text.slice(0, units)).length
const toUnits = (text, points) => chars(text).slice(0, points).join('').length

$('sign-in').onsubmit = async (event) => {
  event.preventDefault()
  $('account-error').textContent = ''
  try {
    const response = await fetch(`${config.apiUrl}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: wire.begin('sign in') },
      body: JSON.stringify({ handle: $('handle').value.trim(), password: $('password').value }),
    })
    const envelope = await response.json()
    if (!response.ok) throw new Error(envelope.errors[0].message)
    session = { token: envelope.data.token, handle: envelope.data.user.handle }
    sessionStorage.setItem('docs.session', JSON.stringify(session))
    await showApp()
  } catch (error) {
    $('account-error').textContent = error.message
  }
}

async function showApp() {
  $('sign-in').hidden = true
  $('who').hidden = false
  $('who').textContent = `signed in as ${session.handle} · this page is served by ${config.replicaId}`
  $('app').hidden = false
  await listDocuments()
  const docId = new URLSearchParams(location.hash.slice(1)).get('doc')
  if (docId) openDocument(docId)
}

async function listDocuments() {
  const docs = await api('GET', '/v1/documents')
  $('document-list').replaceChildren(
    ...docs.map((doc) => {
      const li = document.createElement('li')
      li.textContent = `${doc.title} (${doc.role})`
      li.dataset.docId = doc.id
      li.onclick = () => {
        location.hash = `doc=${doc.id}`
        openDocument(doc.id, doc.title)
      }
      return li
    }),
  )
}

$('create').onsubmit = async (event) => {
  event.preventDefault()
  const doc = await api('POST', '/v1/documents', { title: $('title').value }, 'create a document')
  $('title').value = ''
  await listDocuments()
  location.hash = `doc=${doc.id}`
  openDocument(doc.id, doc.title)
}

function chooseTransport(docId) {
  const wanted = new URLSearchParams(location.search).get('transport')
  const traceOf = (frame) =>
    frame.type === 'op' ? wire.begin(`op ${JSON.stringify(frame.op).slice(0, 40)}`) : undefined
  if (wanted === 'sse') return sseTransport(docId, session.token)
  if (wanted === 'long-poll') return longPollTransport(docId, session.token, traceOf, config.pollTimeoutMs)
  return webSocketTransport(docId, session.token, traceOf)
}

function openDocument(docId, title) {
  current?.link.close()
  $('editor').hidden = false
  $('doc-title').textContent = title ?? docId
  for (const mode of ['ws', 'long-poll', 'sse']) $(`as-${mode}`).href = `?transport=${mode}#doc=${docId}`
  let transport = chooseTransport(docId)
  const doc = { docId, state: undefined, link: undefined, transport, presence: new Map(), sessionId: undefined }
  current = doc
  const connect = () => {
    doc.link = transport.connect({
      onFrame: (frame) => onFrame(doc, frame),
      onDown: ({ opened }) => {
        if (current !== doc) return
        // A socket that never opened (a proxy that kills upgrades): fall back to long polling.
        if (!opened && transport.name === 'WebSocket')
          transport = doc.transport = longPollTransport(docId, session.token, () => undefined, config.pollTimeoutMs)
        $('transport').textContent = `${transport.name} (reconnecting…)`
        setTimeout(connect, 500)
      },
    })
    $('transport').textContent = transport.name
  }
  connect()
}

function send(doc, submission) {
  if (submission) doc.link.send({ type: 'op', ...submission })
  render(doc)
}

function onFrame(doc, frame) {
  if (current !== doc || (!doc.state && frame.type !== 'ready')) return
  switch (frame.type) {
    case 'ready':
      doc.sessionId = frame.sessionId
      $('replica').textContent = frame.replica
      $('role').textContent = frame.role
      $('text').readOnly = frame.role === 'viewer' || doc.transport.name.startsWith('SSE')
      for (const p of frame.presence) doc.presence.set(p.sessionId, p)
      if (!doc.state) {
        doc.state = new EditorState(frame.text, frame.revision, newOpId)
        $('text').value = frame.text
      } else doc.link.send({ type: 'sync', after: doc.state.revision })
      break
    case 'op':
    case 'ops':
      for (const applied of frame.type === 'op' ? [frame] : frame.ops) receive(doc, applied)
      if (frame.type === 'ops') send(doc, doc.state.resend())
      doc.link.setRevision?.(doc.state.revision)
      break
    case 'presence':
      doc.presence.set(frame.presence.sessionId, frame.presence)
      break
    case 'left':
      doc.presence.delete(frame.sessionId)
      break
    case 'error':
      if (frame.code === 'ALREADY_EXISTS' || frame.code === 'UNAVAILABLE')
        doc.link.send({ type: 'sync', after: doc.state.revision })
      else $('editor-error').textContent = `${frame.code}: ${frame.message}`
      break
  }
  render(doc)
}

function receive(doc, applied) {
  const area = $('text')
  const before = area.value
  const caret = toPoints(before, area.selectionStart)
  try {
    const { remote, next } = doc.state.receive(applied)
    if (remote) {
      area.value = doc.state.text
      const moved = transformCursor(caret, remote)
      area.selectionStart = area.selectionEnd = toUnits(area.value, moved)
    }
    send(doc, next)
  } catch (error) {
    if (!(error instanceof RevisionGapError)) throw error
    doc.link.send({ type: 'sync', after: doc.state.revision })
  }
}

$('text').addEventListener('input', () => {
  const doc = current
  if (!doc?.state) return
  const op = diffToOp(doc.state.text, $('text').value)
  send(doc, doc.state.edit(op))
  sendCursor()
})
const sendCursor = () => {
  const doc = current
  if (!doc?.state) return
  doc.link.send({
    type: 'cursor',
    cursor: toPoints($('text').value, $('text').selectionStart),
    revision: doc.state.revision,
  })
}
$('text').addEventListener('keyup', (event) => {
  if (event.key.startsWith('Arrow')) sendCursor()
})
$('text').addEventListener('click', sendCursor)

$('share').onsubmit = async (event) => {
  event.preventDefault()
  try {
    await api(
      'POST',
      `/v1/documents/${current.docId}/shares`,
      { handle: $('share-handle').value.trim(), role: $('share-role').value },
      'share',
    )
    $('editor-error').textContent = `shared with ${$('share-handle').value}`
  } catch (error) {
    $('editor-error').textContent = error.message
  }
}

showHistory($('load-versions'), () => current, api)

if (session)
  showApp().catch(() => {
    sessionStorage.removeItem('docs.session')
    location.reload()
  })
