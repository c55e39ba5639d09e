import { createWirePanel } from '/wire/panel.js'
import { Api } from './api.js'
import { CityMap } from './map.js'
import { AppSocket } from './socket.js'

const $ = (id) => document.getElementById(id)
const [config, city] = await Promise.all(
  [fetch('/config.json'), fetch('/city.json')].map((p) => p.then((r) => r.json())),
)
const api = new Api(config.apiUrl)
const map = new CityMap($('map'), city)
const state = { ride: null, dispatch: null, socket: null, clicks: 0, followedFixAt: 0 }
/** What crossed the wire for what this page did, and for the driver's GPS fixes (packages/wire/web). */
const wire = createWirePanel(document.getElementById('wire'))

/**
 * A fix from the driver's phone arrives with the trace its phone started: the panel follows one
 * every 15 s (MQTT → location → Redis GEO and Kafka → Redis pub/sub → this socket), not all of them.
 */
function followDriverFix(traceparent) {
  const traceId = traceparent?.split('-')[1]
  if (!traceId || Date.now() - state.followedFixAt < 15_000) return
  state.followedFixAt = Date.now()
  wire.follow(traceId, 'GPS fix of your driver')
}
const money = (cents) => `€${(cents / 100).toFixed(2)}`
const clock = (seconds) => `${Math.floor(seconds / 60)} min ${seconds % 60} s`
/** tone: 'error' (red) or 'success' (green): good news must not look like a failure. */
const say = (text, tone = 'error') => {
  $('message').textContent = text
  $('message').dataset.tone = tone
}
const parse = (text) => {
  const [lat, lon] = text.split(',').map(Number)
  return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null
}
const show = ({ lat, lon }) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`

async function authenticate(kind) {
  const email = $('email').value.trim()
  const password = $('password').value
  try {
    const data =
      kind === 'signup'
        ? await api.call('POST', '/v1/riders', { email, name: $('name').value.trim() || email, password })
        : await api.call('POST', '/v1/sessions', { role: 'rider', login: email, password })
    api.setToken(data.token)
    await start()
  } catch (error) {
    say(error.message)
  }
}

async function start() {
  const me = await api.call('GET', '/v1/me').catch(() => null)
  if (!me) return api.setToken(null)
  $('auth-form').hidden = true
  $('who').hidden = false
  $('who').textContent = `signed in as ${me.name} (${me.email})`
  $('trip').hidden = false
  $('history-section').hidden = false
  const wsUrl = `${location.origin.replace('http', 'ws')}${config.riderSocketPath}`
  state.socket = new AppSocket(wsUrl, api.token, onFrame, (text) => {
    $('connection').textContent = `WebSocket: ${text}`
  })
  const center = city.cells[Math.floor(city.cells.length / 2)]?.southWest ?? city.streets[0].from
  state.socket.send({ type: 'watch', at: center })
  await refreshHistory()
}

function onFrame(frame) {
  if (frame.type === 'nearby') map.update({ drivers: frame.drivers })
  else if (frame.type === 'ride') showRide(frame.ride)
  else if (frame.type === 'dispatch' && frame.rideId === state.ride?.rideId) {
    state.dispatch = frame
    showDispatch()
  } else if (frame.type === 'driver' && frame.rideId === state.ride?.rideId) {
    followDriverFix(frame.trace)
    map.update({ assigned: frame })
    $('eta').textContent = `${clock(frame.etaSeconds)} to ${frame.target === 'pickup' ? 'pickup' : 'drop-off'}`
    $('eta').dataset.seconds = String(frame.etaSeconds)
    showEtaNote(frame.etaSeconds)
  } else if (frame.type === 'error') say(`${frame.code}: ${frame.message}`)
}

/** While the ride is requested: which driver's answer it waits for, and for how long. */
function showDispatch() {
  const step = state.dispatch
  if (state.ride?.status !== 'requested' || step?.rideId !== state.ride.rideId) return
  const search = step.rounds > 1 ? ` (search ${step.round} of ${step.rounds})` : ''
  if (step.offer === 0) {
    $('ride-driver').textContent = `looking for drivers near you${search}…`
    return
  }
  const left = Math.max(0, Math.round((step.expiresAt - Date.now()) / 1000))
  $('ride-driver').textContent =
    `offering your ride to driver ${step.offer} of ${step.candidates}${search}: ${left} s to answer`
}

/**
 * The ETA is driving time at the streets' speed limits, as a real deployment computes it. The
 * simulated cars drive SIM_SPEEDUP times faster so a demo ride takes minutes, not a quarter of
 * an hour: say so, and what the ETA comes to on screen.
 */
function showEtaNote(etaSeconds) {
  const speedup = config.simSpeedup ?? 1
  $('eta-note').hidden = speedup <= 1
  $('eta-note').textContent =
    `ETAs are at the streets' speed limits; the simulated drivers drive ${speedup}× faster, ` +
    `so this one is about ${clock(Math.round(etaSeconds / speedup))} here.`
}

function showRide(ride) {
  if (state.ride && state.ride.rideId === ride.rideId && state.ride.version > ride.version) return
  state.ride = ride
  $('ride').hidden = false
  $('ride-status').textContent = ride.status
  $('ride-status').dataset.status = ride.status
  $('ride-driver').textContent = ride.driverId ?? 'looking for a driver…'
  showDispatch()
  $('ride-fare').textContent =
    `${money(ride.fareCents)}${ride.surgeMultiplier > 1 ? ` (surge ×${ride.surgeMultiplier})` : ''}`
  $('cancel').hidden = !['requested', 'accepted', 'arrived'].includes(ride.status)
  $('pay').hidden = ride.status !== 'completed'
  map.update({ pickup: ride.pickup, dropoff: ride.dropoff })
  if (ride.status === 'completed' || ride.status === 'cancelled') {
    map.update({ assigned: null })
    $('eta').textContent = '—'
    $('eta-note').hidden = true
    if (ride.status === 'cancelled') say(`ride cancelled by ${ride.cancelledBy}: ${ride.cancelReason ?? ''}`)
    void refreshHistory()
  }
}

function trip() {
  const pickup = parse($('pickup').value)
  const dropoff = parse($('dropoff').value)
  if (!pickup || !dropoff) throw new Error('choose a pickup and a drop-off on the map')
  return { pickup, dropoff }
}

async function refreshHistory() {
  const rides = await api.call('GET', '/v1/rides?limit=5').catch(() => [])
  $('history').replaceChildren(
    ...rides.map((ride) => {
      const item = document.createElement('li')
      const paid = ride.payment
        ? `paid ${money(ride.payment.amountCents)}`
        : ride.status === 'completed'
          ? 'unpaid'
          : ''
      item.textContent = `${new Date(ride.requestedAt).toLocaleTimeString()} · ${ride.status} · ${money(ride.fareCents)} ${paid}`
      return item
    }),
  )
}

async function refreshSurge() {
  map.update({ surge: await api.call('GET', '/v1/surge').catch(() => map.surge) })
}

$('auth-form').addEventListener('submit', (event) => {
  event.preventDefault()
  void authenticate('signup')
})
$('login').addEventListener('click', () => void authenticate('login'))
$('show-surge').addEventListener('change', (event) => map.update({ showSurge: event.target.checked }))
$('map').addEventListener('click', (event) => {
  const point = map.eventToLatLon(event)
  const field = state.clicks++ % 2 === 0 ? 'pickup' : 'dropoff'
  $(field).value = show(point)
  map.update({ [field]: point })
  if (field === 'pickup') state.socket?.send({ type: 'watch', at: point })
})
$('quote').addEventListener('click', async () => {
  try {
    const quote = await api.call('POST', '/v1/quotes', trip())
    const surge = quote.surgeMultiplier > 1 ? ` · surge ×${quote.surgeMultiplier}` : ''
    $('quote-text').textContent =
      `${money(quote.fareCents)} · ${(quote.distanceMetres / 1000).toFixed(1)} km · ${Math.round(quote.durationSeconds / 60)} min${surge}`
  } catch (error) {
    say(error.message)
  }
})
$('request').addEventListener('click', async () => {
  try {
    say('')
    // The wire panel follows the request: REST → gRPC to matching and pricing → PostgreSQL → Kafka → MQTT offers.
    showRide(await api.call('POST', '/v1/rides', trip(), crypto.randomUUID(), wire.begin('request a ride')))
  } catch (error) {
    say(error.message)
  }
})
$('cancel').addEventListener('click', () => {
  if (state.ride)
    state.socket?.send({
      type: 'cancel',
      rideId: state.ride.rideId,
      reason: 'changed my mind',
      trace: wire.begin('cancel the ride'),
    })
})
$('pay').addEventListener('click', async () => {
  try {
    const payment = await api.call(
      'POST',
      `/v1/rides/${state.ride.rideId}/payment`,
      { method: 'card' },
      `pay-${state.ride.rideId}`,
      wire.begin('pay'),
    )
    say(`paid ${money(payment.amountCents)}`, 'success')
    $('pay').hidden = true
    await refreshHistory()
  } catch (error) {
    say(error.message)
  }
})

setInterval(refreshSurge, 3_000)
setInterval(showDispatch, 1_000) // the answer's countdown
void refreshSurge()
if (api.token) void start()
