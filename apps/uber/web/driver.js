/**
 * The driver's side, in a browser: what the simulated drivers do over MQTT, done by a person over
 * the location service's WebSocket. Every second a GPS fix goes up; offers and ride updates come
 * down the same socket. "Driving" moves the car in a straight line toward the pickup, then the
 * drop-off, at city speed times SIM_SPEEDUP (the simulator's pace), so a ride takes a minute.
 */

import { createWirePanel } from '/wire/panel.js'
import { Api } from './api.js'
import { CityMap } from './map.js'
import { AppSocket } from './socket.js'

const $ = (id) => document.getElementById(id)
const [config, city] = await Promise.all(
  [fetch('/config.json'), fetch('/city.json')].map((p) => p.then((r) => r.json())),
)
const api = new Api(config.apiUrl)
api.token = sessionStorage.getItem('uber.driver.token') // riders and drivers keep separate sessions
const map = new CityMap($('map'), city)
const CITY_SPEED_MPS = 12
const NEAR_METRES = 30
const say = (text, tone = 'error') => {
  $('message').textContent = text
  $('message').dataset.tone = tone
}
const money = (cents) => `€${(cents / 100).toFixed(2)}`

// Where the car is, where it is going, and what it is doing: 'cruising' | 'to-pickup' | 'waiting' | 'to-dropoff'.
const street = city.streets[Math.floor(Math.random() * city.streets.length)]
const car = { position: street.from, heading: 0, speedMps: 0, mode: 'cruising', target: null }
const state = { socket: null, offer: null, ride: null, timer: null, tracedFixAt: 0 }
/** What crossed the wire for this driver's answers and (one in 15 s) its GPS fixes (packages/wire/web). */
const wire = createWirePanel(document.getElementById('wire'))

/** Metres between two points, on the small flat patch a city is. */
function distance(a, b) {
  const dy = (b.lat - a.lat) * 111_320
  const dx = (b.lon - a.lon) * 111_320 * Math.cos((a.lat * Math.PI) / 180)
  return Math.hypot(dx, dy)
}

/** One second of driving toward the target; the fix that follows reports where the car got to. */
function drive() {
  if (!car.target) return
  const left = distance(car.position, car.target)
  const step = CITY_SPEED_MPS * (config.simSpeedup ?? 1)
  const share = left <= step ? 1 : step / left
  const dLat = car.target.lat - car.position.lat
  const dLon = car.target.lon - car.position.lon
  car.heading = (((Math.atan2(dLon, dLat) * 180) / Math.PI + 360) % 360) % 360
  car.position = { lat: car.position.lat + dLat * share, lon: car.position.lon + dLon * share }
  car.speedMps = share < 1 ? CITY_SPEED_MPS : 0
  if (share === 1) car.target = null
  const near = state.ride && distance(car.position, car.mode === 'to-pickup' ? state.ride.pickup : state.ride.dropoff)
  $('arrive').disabled = !(car.mode === 'to-pickup' && near <= NEAR_METRES)
  $('complete').disabled = !(car.mode === 'to-dropoff' && near <= NEAR_METRES)
}

function tick() {
  drive()
  const { lat, lon } = car.position
  // One fix in 15 s asks to be traced: WS → location → Redis GEO and Kafka → the rider's socket.
  const traced = Date.now() - state.tracedFixAt >= 15_000 && state.socket
  if (traced) state.tracedFixAt = Date.now()
  state.socket?.send({
    ...(traced ? { trace: wire.begin('GPS fix') } : {}),
    type: 'position',
    lat,
    lon,
    ts: Date.now(),
    available: car.mode === 'cruising',
    heading: Math.floor(car.heading) % 360,
    speedMps: car.speedMps,
  })
  map.update({ assigned: car.position })
  if (state.offer) {
    const left = Math.max(0, Math.round((state.offer.expiresAt - Date.now()) / 1000))
    $('offer-left').textContent = `${left} s`
    if (left === 0) showOffer(null)
  }
}

function showOffer(offer) {
  state.offer = offer
  $('offer').hidden = !offer
  if (!offer) return
  $('offer-fare').textContent = money(offer.fareCents)
  $('offer-eta').textContent = `${Math.round(offer.etaSeconds / 60)} min`
  map.update({ pickup: offer.pickup, dropoff: offer.dropoff })
}

function answer(action) {
  const offer = state.offer
  if (!offer) return
  state.socket.send({ type: 'ride', rideId: offer.rideId, action, trace: wire.begin(`${action} the offer`) })
  if (action === 'accept') state.ride = offer // confirmed by the 'accepted' update that follows
  showOffer(null)
}

function act(action) {
  if (state.ride) state.socket.send({ type: 'ride', rideId: state.ride.rideId, action, trace: wire.begin(action) })
}

/** A ride update from matching (relayed from dispatch/<id>/ride). */
function onRide(update) {
  if (update.rideId !== state.ride?.rideId) return
  $('ride').hidden = false
  $('ride-status').textContent = update.status
  $('arrive').hidden = update.status !== 'accepted'
  $('start').hidden = update.status !== 'arrived'
  $('complete').hidden = update.status !== 'started'
  if (update.status === 'accepted') {
    car.mode = 'to-pickup'
    car.target = state.ride.pickup
    $('ride-hint').textContent = 'Driving to the pickup (P).'
  } else if (update.status === 'arrived') {
    car.mode = 'waiting'
    $('ride-hint').textContent = 'The rider was told you are here. Start when they are in.'
  } else if (update.status === 'started') {
    car.mode = 'to-dropoff'
    car.target = state.ride.dropoff
    $('ride-hint').textContent = 'Driving to the drop-off (D).'
  } else if (update.status === 'completed' || update.status === 'cancelled') {
    $('ride-hint').textContent =
      update.status === 'completed' ? 'Done: you are available again.' : 'The ride was cancelled.'
    say(`ride ${update.status}`, update.status === 'completed' ? 'success' : 'error')
    car.mode = 'cruising'
    car.target = null
    state.ride = null
    map.update({ pickup: null, dropoff: null })
  }
}

function onFrame(frame) {
  if (frame.type === 'offer') showOffer(frame)
  else if (frame.type === 'ride') onRide(frame)
  else if (frame.type === 'error') say(`${frame.code}: ${frame.message}`)
}

function goOnline() {
  state.socket = new AppSocket(config.driverSocketUrl, api.token, onFrame, (text) => {
    $('connection').textContent = text
  })
  state.timer = setInterval(tick, 1_000)
  tick()
  $('online').hidden = true
  $('offline').hidden = false
  $('state').textContent = 'online: waiting for offers'
}

function goOffline() {
  clearInterval(state.timer)
  state.socket?.close() // the location service marks the driver gone at once (no 15 s wait)
  state.socket = null
  $('online').hidden = false
  $('offline').hidden = true
  $('state').textContent = 'offline'
  $('connection').textContent = 'offline'
}

async function authenticate(kind) {
  const id = $('driver-id').value.trim()
  const password = $('password').value
  try {
    const data =
      kind === 'signup'
        ? await api.call('POST', '/v1/drivers', {
            id,
            name: $('name').value.trim() || id,
            vehicle: $('vehicle').value.trim() || 'a car',
            password,
          })
        : await api.call('POST', '/v1/sessions', { role: 'driver', login: id, password })
    api.token = data.token
    sessionStorage.setItem('uber.driver.token', data.token)
    start()
  } catch (error) {
    say(error.message)
  }
}

function start() {
  $('auth-form').hidden = true
  $('who').hidden = false
  $('who').textContent = 'signed in as a driver'
  $('shift').hidden = false
  map.update({ assigned: car.position })
}

$('auth-form').onsubmit = (event) => {
  event.preventDefault()
  void authenticate('signup')
}
$('login').onclick = () => void authenticate('login')
$('online').onclick = goOnline
$('offline').onclick = goOffline
$('accept').onclick = () => answer('accept')
$('decline').onclick = () => answer('decline')
$('arrive').onclick = () => act('arrive')
$('start').onclick = () => act('start')
$('complete').onclick = () => act('complete')
$('map').onclick = (event) => {
  if (car.mode === 'cruising') {
    car.position = map.eventToLatLon(event)
    map.update({ assigned: car.position })
  }
}
if (api.token) start()
