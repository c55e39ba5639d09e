import { formatCents, openTicker } from '/prices.js'

/** The ticker widget: ?symbols=A,B in the URL or the form; EventSource does the resuming. */
const $ = (id) => document.getElementById(id)
let ticker
let events = 0

async function follow(symbols) {
  ticker?.close()
  if (symbols.length === 0) {
    const { data } = await (await fetch('/v1/symbols')).json()
    symbols = data.symbols.slice(0, 5).map((listing) => listing.symbol)
  }
  const items = new Map()
  $('ticker').replaceChildren(
    ...symbols.map((symbol) => {
      const item = document.createElement('li')
      item.dataset.symbol = symbol
      item.append(Object.assign(document.createElement('b'), { textContent: symbol }), document.createElement('span'))
      items.set(symbol, item)
      return item
    }),
  )
  ticker = openTicker({
    baseUrl: location.origin,
    symbols,
    onPrices(prices, meta) {
      events += 1
      $('events').textContent = String(events)
      $('last-id').textContent = meta.id || '–'
      for (const [symbol, cents] of Object.entries(prices)) {
        const item = items.get(symbol)
        if (item) item.querySelector('span').textContent = formatCents(cents)
      }
    },
    onStatus(status) {
      $('ticker-status').textContent =
        status === 'failed' ? 'refused (check the symbols); not retrying' : `stream ${status}`
    },
  })
}

$('ticker-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const symbols = $('symbols')
    .value.toUpperCase()
    .split(/[\s,]+/)
    .filter(Boolean)
  history.replaceState(null, '', symbols.length ? `?symbols=${symbols.join(',')}` : location.pathname)
  follow(symbols)
})
const initial = (new URLSearchParams(location.search).get('symbols') ?? '').split(',').filter(Boolean)
$('symbols').value = initial.join(',')
follow(initial)
