import { createWirePanel } from '/wire/panel.js'
import { Api } from './api.js'
import { followTicker } from './ticker-feed.js'

const $ = (id) => document.getElementById(id)
const api = new Api()
/** What crossed the wire for what this page did (packages/wire/web). */
const wire = createWirePanel($('wire'))
const state = { config: undefined, portfolio: undefined, prices: new Map(), ticker: undefined, lastOrder: undefined }

const dollars = (cents) => (cents === null || cents === undefined ? '—' : `$${(cents / 100).toFixed(2)}`)

/** Text goes in with textContent only. */
function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function row(cells) {
  const tr = document.createElement('tr')
  for (const cell of cells) {
    const td = document.createElement('td')
    if (cell instanceof Node) td.append(cell)
    else td.textContent = cell
    tr.append(td)
  }
  return tr
}

/** Positions valued at the ticker's prices: the P&L moves with every SSE event, no REST call. */
function renderPortfolio() {
  const portfolio = state.portfolio
  if (!portfolio) return
  let marketValue = 0
  const rows = portfolio.positions.map((position) => {
    const last = state.prices.get(position.symbol) ?? position.lastPriceCents
    const value = last === null ? null : last * position.quantity
    marketValue += value ?? 0
    const profit = value === null ? null : value - position.costCents
    const pnl = element('span', profit > 0 ? 'up' : profit < 0 ? 'down' : '', dollars(profit))
    const tr = row([
      position.symbol,
      String(position.quantity),
      dollars(position.costCents),
      dollars(last),
      dollars(value),
      pnl,
    ])
    tr.dataset.symbol = position.symbol
    return tr
  })
  $('positions').replaceChildren(...rows)
  $('totals').textContent =
    `cash ${dollars(portfolio.cashCents)} · held for open orders ${dollars(portfolio.heldCents)} · ` +
    `buying power ${dollars(portfolio.buyingPowerCents)} · equity ${dollars(portfolio.cashCents + marketValue)}`
}

function renderOrders(orders) {
  $('orders').replaceChildren(
    ...orders.map((order) => {
      const what = `${order.side} ${order.quantity} ${order.symbol} ${order.type}${order.type === 'limit' ? ` ${dollars(order.limitCents)}` : ''}`
      let action = ''
      if (order.state === 'accepted') {
        action = element('button', '', 'Cancel')
        action.type = 'button'
        action.addEventListener('click', () => cancel(order.orderId))
      }
      const tr = row([
        new Date(order.createdAt).toLocaleTimeString(),
        what,
        order.reason ? `${order.state}: ${order.reason}` : order.state,
        dollars(order.fillPriceCents),
        action,
      ])
      tr.dataset.orderId = order.orderId
      tr.dataset.state = order.state
      return tr
    }),
  )
}

async function refresh() {
  const [portfolio, orders, notices] = await Promise.all([
    api.call('GET', '/v1/portfolio'),
    api.call('GET', '/v1/orders?limit=30'),
    api.call('GET', '/v1/notifications'),
  ])
  state.portfolio = portfolio.data
  renderPortfolio()
  renderOrders(orders.data)
  $('notices').replaceChildren(...notices.data.map((notice) => element('li', '', notice.text)))
  // The ticker follows what the account holds (and the symbol in the ticket).
  const symbols = new Set(portfolio.data.positions.map((position) => position.symbol))
  if ($('symbol').value) symbols.add($('symbol').value)
  state.ticker?.follow([...symbols])
}

async function signIn(event) {
  event.preventDefault()
  $('account-error').textContent = ''
  const credentials = { name: $('name').value, password: $('password').value }
  try {
    let answer
    try {
      answer = await api.call('POST', '/v1/sessions', { body: credentials, traceparent: wire.begin('sign in') })
    } catch (error) {
      if (error.status !== 401) throw error
      answer = await api.call('POST', '/v1/accounts', { body: credentials, traceparent: wire.begin('open an account') })
    }
    api.setToken(answer.data.token)
    await start(credentials.name)
  } catch (error) {
    $('account-error').textContent = error.message
  }
}

function orderFromTicket() {
  const order = {
    symbol: $('symbol').value.trim().toUpperCase(),
    side: $('side').value,
    type: $('type').value,
    quantity: Number($('quantity').value),
  }
  if (order.type === 'limit') order.limitCents = Math.round(Number($('limit').value) * 100)
  return order
}

/** Sends an order with its Idempotency-Key; "Retry same key" resends the last one unchanged. */
async function send(order, key, retry = false) {
  $('order-error').textContent = ''
  try {
    const answer = await api.call('POST', '/v1/orders', {
      body: order,
      headers: { 'idempotency-key': key },
      traceparent: wire.begin(`${retry ? 'retry ' : ''}place ${order.side} ${order.quantity} ${order.symbol}`),
    })
    $('order-result').textContent =
      `${answer.status} ${answer.replayed ? 'replayed (same key: nothing new was placed)' : 'accepted'} · ` +
      `order ${answer.data.orderId} · Idempotency-Key ${key}`
    state.lastOrder = { order, key }
    $('resend').disabled = false
  } catch (error) {
    $('order-error').textContent = `${error.status} ${error.code}: ${error.message}`
  }
  await refresh()
  // Executions arrive through Kafka a moment later; look again shortly.
  setTimeout(() => refresh().catch(() => {}), 400)
}

async function cancel(orderId) {
  try {
    await api.call('DELETE', `/v1/orders/${orderId}`, { traceparent: wire.begin('cancel an order') })
  } catch (error) {
    $('order-error').textContent = `${error.status} ${error.code}: ${error.message}`
  }
  setTimeout(() => refresh().catch(() => {}), 300)
}

async function showQuote() {
  const symbol = $('symbol').value.trim().toUpperCase()
  if (!/^[A-Z]{1,8}$/.test(symbol)) return
  const { data } = await api.call('GET', `/v1/quotes?symbols=${symbol}`)
  $('quote').textContent = data[symbol]
    ? `${symbol} last ${dollars(data[symbol].lastPriceCents)}`
    : `${symbol} is not listed`
}

async function start(name) {
  $('account').querySelector('form').hidden = true
  $('who').hidden = false
  $('who').textContent = `Signed in as ${name ?? 'a saved session'}`
  $('app').hidden = false
  $('markets-link').href = `${state.config.pricesUrl}/#token=${encodeURIComponent(api.token)}`
  state.ticker = followTicker(state.config.pricesUrl, {
    onPrice: (symbol, cents) => {
      state.prices.set(symbol, cents)
      renderPortfolio()
    },
    onState: (text) => {
      $('ticker-state').textContent = `ticker (SSE): ${text}`
    },
  })
  await refresh()
  setInterval(() => refresh().catch(() => {}), 5_000)
}

$('sign-in').addEventListener('submit', signIn)
$('type').addEventListener('change', () => {
  $('limit').disabled = $('type').value !== 'limit'
})
$('symbol').addEventListener('change', () => showQuote().catch(() => {}))
$('order-form').addEventListener('submit', (event) => {
  event.preventDefault()
  send(orderFromTicket(), crypto.randomUUID())
})
$('resend').addEventListener('click', () => state.lastOrder && send(state.lastOrder.order, state.lastOrder.key, true))

state.config = await (await fetch('/config.json')).json()
const symbols = await api.call('GET', '/v1/symbols')
$('symbols').replaceChildren(
  ...symbols.data.map((symbol) => Object.assign(document.createElement('option'), { value: symbol })),
)
if (api.token) start().catch(() => sessionStorage.removeItem('robinhood.token'))
