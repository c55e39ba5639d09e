/**
 * The game page: one WebSocket to the game server carrying reliable events (text frames) and
 * datagrams (binary frames), a fixed 60 Hz input loop independent of drawing, client-side
 * prediction with reconciliation for you and interpolation for everyone else.
 */
import { createWirePanel } from '/wire/panel.js'
import { call, session as stored } from './api.js'
import { createArenaView } from './arena-view.js'
import { createControls } from './controls.js'
import { encodeHello, encodeInput, MAX_INPUTS } from './datagrams.js'
import { startFixedTick } from './fixed-tick.js'
import { openGameSocket } from './game-socket.js'
import * as hud from './hud.js'
import { Interpolation } from './interpolation.js'
import { applyEvent } from './match-events.js'
import { TICK_RATE } from './movement.js'
import { createNetemPanel } from './netem-panel.js'
import { Prediction } from './prediction.js'

const $ = (id) => document.getElementById(id)
const TICK_MS = 1000 / TICK_RATE
const wire = createWirePanel($('wire'))
const view = createArenaView($('arena'))
const controls = createControls($('arena'))
let match = stored.match()
/** The current connection's state; a switch of route (bad network on/off) starts a new one. */
let game

function connect(throughProxy, renewed = false) {
  game?.socket.close()
  const url = throughProxy ? match.netem.ws : match.ws
  const state = {
    session: undefined,
    mySlot: undefined,
    endsAt: match.endsAt,
    players: new Map(),
    prediction: new Prediction(),
    interpolation: new Interpolation(100),
    lastSnapshot: undefined,
    datagramSeq: 0,
    sentAt: new Map(),
    ping: undefined,
    finished: false,
    worstErrorThisSecond: 0,
    seen: { bytesIn: 0, bytesOut: 0, snapshots: 0 },
  }
  const current =
    (handler) =>
    (...args) =>
      state === game && handler(state, ...args)
  state.socket = openGameSocket(url, {
    ticket: match.ticket,
    joinTrace: wire.begin(throughProxy ? 'join the match (through the proxy)' : 'join the match'),
    onEvent: current((s, event) => onEvent(s, event, throughProxy, renewed)),
    onSnapshot: current(onSnapshot),
    onGap: current((_s, expected, got) => hud.logEvent(got, `GAP: expected #${expected}`, 'gap')),
    onClose: current((s, code, reason) =>
      hud.showStatus(s.finished ? 'match over' : `disconnected (${code}${reason ? ` ${reason}` : ''})`),
    ),
  })
  game = state
  hud.showStatus(`connecting to ${url}`)
}

function onEvent(state, event, throughProxy, renewed) {
  applyEvent(state, event)
  // A ticket lasts two minutes: rejoining later (a route switch) needs a fresh one, once.
  if (event.type === 'error' && event.code === 'UNAUTHENTICATED' && !state.session && !renewed)
    renewTicket(throughProxy)
}

async function renewTicket(throughProxy) {
  try {
    match = await call('POST', '/api/matchmaking', { body: {}, traceparent: wire.begin('find a match again') })
    stored.setMatch(match)
    connect(throughProxy, true)
  } catch (error) {
    hud.showStatus(error.message)
  }
}

function onSnapshot(state, snapshot) {
  const now = performance.now()
  const previousAck = state.prediction.lastAck
  state.lastSnapshot = snapshot
  state.interpolation.push(snapshot, now)
  state.worstErrorThisSecond = Math.max(state.worstErrorThisSecond, state.prediction.reconcile(snapshot))
  // Ping: from sending an input to the first snapshot that says it was applied.
  if (snapshot.ackInputSeq > previousAck && state.sentAt.has(snapshot.ackInputSeq)) {
    state.ping = now - state.sentAt.get(snapshot.ackInputSeq)
  }
  for (const seq of state.sentAt.keys()) {
    if (seq > snapshot.ackInputSeq) break
    state.sentAt.delete(seq)
  }
}

/** One tick of the fixed 60 Hz loop: hello until the first snapshot, then this tick's input. */
function tick() {
  const state = game
  if (!state?.session || state.finished) return
  if (!state.lastSnapshot) {
    state.socket.sendDatagram(encodeHello(state.session, ++state.datagramSeq))
    return
  }
  const move = controls.move(state.prediction.position)
  const input = state.prediction.record(move.moveX, move.moveY)
  state.sentAt.set(input.seq, performance.now())
  if (state.sentAt.size > 240) state.sentAt.delete(state.sentAt.keys().next().value)
  // Every datagram repeats the unacknowledged inputs (up to 8): one lost datagram costs nothing.
  state.socket.sendDatagram(
    encodeInput(state.session, ++state.datagramSeq, state.prediction.unacknowledged(MAX_INPUTS)),
  )
}

function drawFrame() {
  const state = game
  const names = new Map([...(state?.players ?? new Map())].map(([slot, player]) => [slot, player.name]))
  const snapshot = state?.lastSnapshot
  if (snapshot) {
    const server = { x: snapshot.x, y: snapshot.y }
    const predicting = $('prediction').checked
    // Prediction off: you are drawn where the last snapshot says, a round trip behind your keys.
    const me = predicting && state.prediction.position ? state.prediction.position : server
    const others = state.interpolation.playersAt(performance.now())
    view.draw({
      me,
      server: predicting ? server : undefined,
      mySlot: state.mySlot,
      others,
      pickups: snapshot.pickups,
      names,
    })
    hud.showPosition(server, me)
  } else view.draw({ others: [], pickups: [], names })
  requestAnimationFrame(drawFrame)
}

function everySecond() {
  const state = game
  if (!state) return
  const counters = state.socket.counters
  hud.showFigures({
    ping: state.ping,
    snapshotsPerSecond: counters.snapshots - state.seen.snapshots,
    bytesInPerSecond: counters.bytesIn - state.seen.bytesIn,
    bytesOutPerSecond: counters.bytesOut - state.seen.bytesOut,
    reconcileError: state.worstErrorThisSecond,
    pending: state.prediction.pending.length,
    snapshotBytes: counters.snapshotBytes,
    inputBytes: counters.inputBytes,
  })
  state.seen = { ...counters }
  state.worstErrorThisSecond = 0
  hud.showCountdown(state.endsAt)
}

function start() {
  $('who').textContent = `${stored.player().name} · match ${match.matchId}`
  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const text = $('chat-text').value
    if (!text.trim()) return
    game?.socket.sendText({ type: 'chat', text, trace: wire.begin(`chat “${text.slice(0, 24)}”`) })
    $('chat-text').value = ''
  })
  $('leave').addEventListener('click', () => {
    game?.socket.sendText({ type: 'leave' })
    location.assign('/')
  })
  createNetemPanel({
    onRouteChange: (throughProxy) => connect(throughProxy),
    traceparent: (label) => wire.begin(label),
  })
  connect(false)
  startFixedTick(tick, TICK_MS)
  requestAnimationFrame(drawFrame)
  setInterval(everySecond, 1000)
}

if (match && stored.player()) start()
else location.replace('/')
