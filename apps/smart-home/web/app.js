import { createWirePanel } from '/wire/panel.js'
import { call } from './api.js'

const $ = (id) => document.getElementById(id)
/** What crossed the wire for a command (REST → MQTT QoS 2 → device → state back), and now and then a reading. */
const wire = createWirePanel($('wire'))
const state = { home: null, devices: new Map(), source: null, lastEventId: null, followedAt: 0 }

const say = (text, tone = 'error') => {
  $('message').textContent = text
  $('message').dataset.tone = tone
}
const time = (ms) => new Date(ms).toLocaleTimeString()
const item = (list, text, max = 50) => {
  const li = document.createElement('li')
  li.textContent = text
  list.prepend(li)
  while (list.children.length > max) list.lastChild.remove()
  return li
}

function button(label, onClick) {
  const b = document.createElement('button')
  b.textContent = label
  b.addEventListener('click', (event) => {
    event.stopPropagation()
    onClick()
  })
  return b
}

async function command(device, action, value) {
  const traceparent = wire.begin(`${action} ${device.id}`)
  try {
    const sent = await call(
      'POST',
      `/v1/devices/${device.id}/commands`,
      value === undefined ? { action } : { action, value },
      {
        traceparent,
        'idempotency-key': crypto.randomUUID(),
      },
    )
    // The delivery to the broker, packet by packet: QoS 2 is PUBLISH → PUBREC → PUBREL → PUBCOMP.
    const handshake = (sent.handshake ?? [])
      .map((step) => `${step.packet}${step.atMs ? ` ${step.atMs} ms` : ''}`)
      .join(' → ')
    const asleep = sent.deviceStatus === 'asleep' ? ' (asleep: delivered when it wakes)' : ''
    say(`${action} sent to ${device.id} at QoS ${sent.qos}: ${handshake}${asleep}`, 'success')
  } catch (error) {
    say(error.message)
  }
}

function controls(device) {
  const box = document.createElement('div')
  box.className = 'controls'
  if (device.kind === 'lock')
    box.append(
      button('Lock', () => command(device, 'lock')),
      button('Unlock', () => command(device, 'unlock')),
    )
  if (device.kind === 'light')
    box.append(
      button('On', () => command(device, 'on')),
      button('Off', () => command(device, 'off')),
    )
  if (device.kind === 'thermostat') {
    const input = document.createElement('input')
    Object.assign(input, { type: 'number', min: 5, max: 30, step: 0.5, value: device.state.setpoint ?? 21 })
    input.addEventListener('click', (event) => event.stopPropagation())
    box.append(
      input,
      button('Set', () => command(device, 'setpoint', Number(input.value))),
    )
  }
  return box
}

function describe(device) {
  const s = device.state
  if (device.kind === 'lock') return s.locked === undefined ? '' : s.locked ? 'locked' : 'UNLOCKED'
  if (device.kind === 'light') return s.on === undefined ? '' : s.on ? `on (${s.brightness} %)` : 'off'
  if (device.kind === 'thermostat') return s.setpoint === undefined ? '' : `setpoint ${s.setpoint} °C`
  return ''
}

function renderDevices() {
  const box = $('devices')
  box.replaceChildren()
  for (const device of state.devices.values()) {
    const card = document.createElement('div')
    card.className = 'device'
    card.dataset.device = device.id
    card.dataset.status = device.status
    const title = document.createElement('div')
    title.innerHTML = '<strong></strong> · <span class="status"></span> · <span class="detail"></span>'
    title.querySelector('strong').textContent = device.id
    title.querySelector('.status').textContent = device.status
    title.querySelector('.detail').textContent = describe(device)
    const reading = document.createElement('div')
    reading.className = 'reading'
    const last = device.lastReading
    reading.textContent = last ? `${last.metric} ${last.value} at ${time(last.at)}` : 'no reading yet'
    card.append(title, reading, controls(device))
    card.addEventListener('click', () => showHistory(device.id))
    box.append(card)
  }
}

async function showHistory(id) {
  $('history-device').textContent = id
  const readings = await call('GET', `/v1/devices/${id}/readings?limit=30`)
  $('history').replaceChildren()
  for (const r of readings.reverse()) item($('history'), `${time(r.at)} ${r.metric} ${r.value} (QoS ${r.qos})`)
}

function follow(trace, label) {
  if (!trace || Date.now() - state.followedAt < 10_000) return
  state.followedAt = Date.now()
  wire.follow(trace, label)
}

function openFeed() {
  state.source?.close()
  const query = state.lastEventId ? `?lastEventId=${encodeURIComponent(state.lastEventId)}` : ''
  const source = new EventSource(`/v1/homes/${state.home}/events${query}`)
  state.source = source
  const seen = (event) => {
    state.lastEventId = event.lastEventId
    $('last-event-id').textContent = `last id ${event.lastEventId}`
  }
  source.addEventListener('open', () => {
    $('connection').textContent = 'live'
    $('connection').dataset.state = 'live'
  })
  source.addEventListener('error', () => {
    $('connection').textContent = 'reconnecting…'
    $('connection').dataset.state = 'reconnecting'
    // CLOSED: the server refused to resume (another dashboard boot): reload and start afresh.
    if (source.readyState === EventSource.CLOSED) {
      state.lastEventId = null
      setTimeout(() => loadHome(state.home), 1000)
    }
  })
  source.addEventListener('gap', () => loadHome(state.home, { keepFeed: true }))
  source.addEventListener('state', (event) => {
    seen(event)
    const device = JSON.parse(event.data)
    const known = state.devices.get(device.id)
    state.devices.set(device.id, { ...device, lastReading: device.lastReading ?? known?.lastReading ?? null })
    item($('feed'), `${time(Date.now())} ${device.id} is ${device.status}`)
    if (device.state?.lastCommand) follow(device.trace, `${device.id} reports its new state`)
    renderDevices()
  })
  for (const kind of ['reading', 'alert']) {
    source.addEventListener(kind, (event) => {
      seen(event)
      const r = JSON.parse(event.data)
      const device = state.devices.get(r.device)
      if (device && kind === 'reading') device.lastReading = { metric: r.metric, value: r.value, at: r.at }
      item(
        $('feed'),
        `${time(r.at)} ${r.device} ${kind === 'alert' ? 'ALERT ' : ''}${r.metric} ${r.value}`,
      ).dataset.kind = kind
      follow(r.trace, `${kind} from ${r.device}`)
      const card = document.querySelector(`[data-device="${r.device}"] .reading`)
      if (card && kind === 'reading') card.textContent = `${r.metric} ${r.value} at ${time(r.at)}`
    })
  }
  source.addEventListener('notification', (event) => {
    seen(event)
    const n = JSON.parse(event.data)
    item($('notifications'), `${time(n.at)} ${n.message}`)
  })
}

async function loadHome(home, { keepFeed = false } = {}) {
  state.home = home
  if (!keepFeed) state.lastEventId = null
  const [devices, notifications] = await Promise.all([
    call('GET', `/v1/homes/${home}/devices`),
    call('GET', `/v1/homes/${home}/notifications`),
  ])
  state.devices = new Map(devices.map((d) => [d.id, d]))
  renderDevices()
  $('notifications').replaceChildren()
  for (const n of notifications.reverse()) item($('notifications'), `${time(n.at)} ${n.message}`)
  if (!keepFeed) $('feed').replaceChildren()
  openFeed()
}

async function start() {
  const homes = await call('GET', '/v1/homes')
  const params = new URLSearchParams(location.search)
  const wanted = params.get('home') ?? homes[0]?.home
  const select = $('home')
  const names = homes.map((h) => h.home)
  if (wanted && !names.includes(wanted)) names.unshift(wanted)
  for (const name of names) select.append(new Option(name, name))
  select.value = wanted ?? ''
  select.addEventListener('change', () => loadHome(select.value))
  if (wanted) await loadHome(wanted)
  else say('no device has connected yet: start the simulator, or publish a state as a device')
}

start().catch((error) => say(error.message))
