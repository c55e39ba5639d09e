/**
 * Everything around the canvas: the score table, the events log, chat, the countdown, the
 * measurements and the final ranking. Names and chat are other people's input: they reach the
 * page only through textContent, never as HTML.
 */
import { colorOf } from './arena-view.js'

const $ = (id) => document.getElementById(id)
const KEEP_LINES = 60

function element(tag, text, className) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}

function prepend(list, item) {
  list.prepend(item)
  while (list.children.length > KEEP_LINES) list.lastElementChild.remove()
}

/** @param {Map<number, {playerId:string,name:string,score:number}>} players  @param {number|undefined} mySlot */
export function renderScores(players, mySlot) {
  const rows = [...players.entries()]
    .sort(([, a], [, b]) => b.score - a.score)
    .map(([slot, player]) => {
      const row = element('tr')
      row.dataset.slot = String(slot)
      if (slot === mySlot) row.className = 'me'
      const swatch = element('span', '', 'swatch')
      swatch.style.background = colorOf(slot) // CSSOM, allowed under style-src 'self'
      const name = element('td')
      name.append(swatch, element('span', player.name))
      row.append(name, element('td', String(player.score)))
      return row
    })
  $('scores').replaceChildren(...rows)
  $('scores').dataset.players = String(rows.length)
}

/** One reliable event in the log, with its `seq` (order and completeness are visible). */
export function logEvent(seq, text, className) {
  const item = element('li', undefined, className)
  item.append(element('code', seq === undefined ? '–' : `#${seq}`), element('span', ` ${text}`))
  prepend($('events'), item)
}

export function showChat(name, text) {
  const item = element('li')
  item.append(element('b', name), element('span', `: ${text}`))
  prepend($('chat-log'), item)
}

export function showStatus(text) {
  $('status').textContent = text
}

export function showCountdown(endsAt) {
  const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000))
  $('countdown').textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
}

/** @param {{ ping?: number, snapshotsPerSecond: number, bytesInPerSecond: number, bytesOutPerSecond: number, reconcileError: number, pending: number, snapshotBytes: number, inputBytes: number }} figures */
export function showFigures(figures) {
  $('ping').textContent = figures.ping === undefined ? '–' : `${Math.round(figures.ping)} ms`
  $('snapshot-rate').textContent = String(figures.snapshotsPerSecond)
  $('bytes-in').textContent = `${(figures.bytesInPerSecond / 1024).toFixed(1)} KiB/s`
  $('bytes-out').textContent = `${(figures.bytesOutPerSecond / 1024).toFixed(1)} KiB/s`
  $('reconcile-error').textContent = `${figures.reconcileError.toFixed(2)} units`
  $('pending').textContent = String(figures.pending)
  $('datagram-sizes').textContent = `${figures.snapshotBytes} B / ${figures.inputBytes} B`
}

/** Where the server has us and where we are drawn, as text and data attributes (tests read them). */
export function showPosition(server, drawn) {
  const node = $('position')
  if (!server || !drawn) return
  node.dataset.serverX = server.x.toFixed(2)
  node.dataset.serverY = server.y.toFixed(2)
  node.dataset.drawnX = drawn.x.toFixed(2)
  node.dataset.drawnY = drawn.y.toFixed(2)
  node.textContent = `server (${server.x.toFixed(0)}, ${server.y.toFixed(0)}) · drawn (${drawn.x.toFixed(0)}, ${drawn.y.toFixed(0)})`
}

/** The final ranking, and the way back to the lobby. */
export function showResults(results) {
  const list = $('results')
  list.replaceChildren(
    ...results
      .toSorted((a, b) => a.rank - b.rank)
      .map((result) => element('li', `#${result.rank} ${result.name} · ${result.points} points`)),
  )
  $('result-panel').hidden = false
}
