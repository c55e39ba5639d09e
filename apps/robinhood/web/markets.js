import { connectPrices, formatCents } from '/prices.js'
import { createWirePanel } from '/wire/panel.js'

/**
 * The markets page: two price sockets on the same symbols, one per encoding, so a reader sees
 * what protobuf saves on identical prices; the board shows the one picked. The token comes from
 * the trading page in the URL fragment (#token=…, never sent to any server), or the form.
 */
const $ = (id) => document.getElementById(id)
const wire = createWirePanel($('wire'))
const state = { sockets: {}, statuses: {}, shown: 'json', rows: new Map(), open: new Map(), symbols: [] }

async function loadListing() {
  const answer = await fetch('/v1/symbols')
  const { data } = await answer.json()
  state.symbols = data.symbols.map((listing) => listing.symbol)
  for (const listing of data.symbols) state.open.set(listing.symbol, listing.openCents)
  const options = state.symbols.map((symbol) => Object.assign(document.createElement('option'), { value: symbol }))
  $('listed').replaceChildren(...options)
}

function connect(token) {
  for (const socket of Object.values(state.sockets)) socket.close()
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
  for (const encoding of ['json', 'protobuf']) {
    state.sockets[encoding] = connectPrices({
      url,
      token,
      encoding,
      onPrices: (prices, meta) => {
        if (encoding === state.shown) show(prices, meta)
      },
      onError: (code, message) => {
        $('error').textContent = `${code}: ${message}`
      },
      onStatus: (status) => {
        state.statuses[encoding] = `${encoding} socket ${status}`
        $('status').textContent = Object.values(state.statuses).join(' · ')
        if (status === 'open') $('controls').hidden = false
      },
    })
  }
  $('board').hidden = false
}

function show(prices, meta) {
  const now = Date.now()
  for (const [symbol, cents] of Object.entries(prices)) {
    const row = state.rows.get(symbol) ?? addRow(symbol)
    const previous = Number(row.dataset.cents || cents)
    row.dataset.cents = String(cents)
    row.querySelector('.price').textContent = formatCents(cents)
    const open = state.open.get(symbol) ?? cents
    const change = ((cents - open) / open) * 100
    const since = row.querySelector('.change')
    since.textContent = `${change >= 0 ? '+' : ''}${change.toFixed(2)} %`
    since.className = `change ${change >= 0 ? 'up' : 'down'}`
    row.querySelector('.age').textContent = meta.firstAtMs ? `${now - meta.firstAtMs} ms` : 'snapshot'
    row.classList.remove('tick-up', 'tick-down')
    if (cents !== previous) row.classList.add(cents > previous ? 'tick-up' : 'tick-down')
  }
}

function addRow(symbol) {
  const row = document.createElement('tr')
  row.dataset.symbol = symbol
  for (const name of ['symbol', 'price', 'change', 'age']) {
    const cell = document.createElement(name === 'symbol' ? 'th' : 'td')
    cell.className = name
    if (name === 'symbol') cell.textContent = symbol
    row.append(cell)
  }
  const remove = Object.assign(document.createElement('button'), {
    type: 'button',
    textContent: '×',
    title: `unsubscribe ${symbol}`,
  })
  remove.addEventListener('click', () => unsubscribe(symbol))
  const last = document.createElement('td')
  last.append(remove)
  row.append(last)
  $('board').tBodies[0].append(row)
  state.rows.set(symbol, row)
  return row
}

function subscribe(symbols) {
  $('error').textContent = ''
  const trace = wire.begin(`subscribe ${symbols.join(',')} (${state.shown})`)
  for (const [encoding, socket] of Object.entries(state.sockets))
    socket.subscribe(symbols, encoding === state.shown ? trace : undefined)
}

function unsubscribe(symbol) {
  const trace = wire.begin(`unsubscribe ${symbol} (${state.shown})`)
  for (const [encoding, socket] of Object.entries(state.sockets))
    socket.unsubscribe([symbol], encoding === state.shown ? trace : undefined)
  state.rows.get(symbol)?.remove()
  state.rows.delete(symbol)
}

/** Once a second: what each socket received in that second. */
function startMeters() {
  const last = { json: { bytes: 0, frames: 0, updates: 0 }, protobuf: { bytes: 0, frames: 0, updates: 0 } }
  setInterval(() => {
    for (const [encoding, socket] of Object.entries(state.sockets)) {
      const now = { ...socket.received }
      const delta = Object.fromEntries(Object.keys(now).map((key) => [key, now[key] - last[encoding][key]]))
      last[encoding] = now
      const row = $(`meter-${encoding}`)
      row.querySelector('.bytes').textContent = String(delta.bytes)
      row.querySelector('.updates').textContent = String(delta.updates)
      row.querySelector('.frames').textContent = String(delta.frames)
      row.querySelector('.per').textContent = delta.updates > 0 ? (delta.bytes / delta.updates).toFixed(1) : '–'
    }
  }, 1000)
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault()
  sessionStorage.setItem('prices.token', $('token').value.trim())
  connect($('token').value.trim())
})
$('symbol-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const symbols = $('symbol')
    .value.toUpperCase()
    .split(/[\s,]+/)
    .filter(Boolean)
  if (symbols.length > 0) subscribe(symbols)
  $('symbol').value = ''
})
$('add-random').addEventListener('click', () => {
  const unseen = state.symbols.filter((symbol) => !state.rows.has(symbol))
  subscribe(unseen.sort(() => Math.random() - 0.5).slice(0, 5))
})
for (const radio of document.querySelectorAll('input[name=encoding]'))
  radio.addEventListener('change', () => {
    state.shown = radio.value
  })

// The handoff: take the token out of the fragment at once, so it stays out of history and screenshots.
const handed = new URLSearchParams(location.hash.slice(1)).get('token')
if (handed) {
  sessionStorage.setItem('prices.token', handed)
  history.replaceState(null, '', location.pathname + location.search)
}
await loadListing()
startMeters()
const token = sessionStorage.getItem('prices.token')
if (token) {
  $('token').value = token
  connect(token)
}
