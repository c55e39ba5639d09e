import { createWirePanel } from '/wire/panel.js'

const $ = (id) => document.getElementById(id)
const wire = createWirePanel($('wire'))
const dollars = (cents) => `$${(cents / 100).toFixed(2)}`
let token = sessionStorage.getItem('amazon.token')
let customer = sessionStorage.getItem('amazon.customer')
let page = 1
let query = ''
let lastCheckout

/** One REST call: the {data, meta, errors} envelope, the status, and the wire panel's trace. */
async function call(method, path, { body, headers = {}, what } = {}) {
  const sent = { ...headers }
  if (what) sent.traceparent = wire.begin(what)
  if (body !== undefined) sent['content-type'] = 'application/json'
  if (token) sent.authorization = `Bearer ${token}`
  const response = await fetch(path, {
    method,
    headers: sent,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const envelope = await response.json()
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', ...envelope }
}

async function showCatalogue() {
  const path = query
    ? `/v1/search?q=${encodeURIComponent(query)}&page=${page}&pageSize=10`
    : `/v1/products?page=${page}&pageSize=10`
  const answer = await call('GET', path, { what: query ? `search "${query}"` : `catalogue page ${page}` })
  if (answer.errors?.length) {
    $('page-info').textContent = `${answer.status} ${answer.errors[0].message}`
    return
  }
  $('page-info').textContent = `page ${page} · ${answer.meta.total} products`
  $('products').tBodies[0].replaceChildren(
    ...answer.data.map((product) => {
      const row = document.createElement('tr')
      row.dataset.sku = product.sku
      for (const text of [product.sku, product.title, dollars(product.priceCents)]) {
        const cell = row.insertCell()
        cell.textContent = text
      }
      const button = document.createElement('button')
      button.textContent = 'Add to cart'
      button.onclick = () => addToCart(product.sku)
      row.insertCell().append(button)
      return row
    }),
  )
}

async function addToCart(sku) {
  if (!token) {
    $('result').textContent = 'sign in first'
    return
  }
  const current = (await call('GET', '/v1/cart')).data ?? []
  const units = (current.find((line) => line.sku === sku)?.quantity ?? 0) + 1
  showCart(
    (await call('PUT', `/v1/cart/${sku}`, { body: { quantity: Math.min(units, 10) }, what: `add ${sku} to the cart` }))
      .data,
  )
}

function showCart(lines = []) {
  $('cart').replaceChildren(
    ...lines.map((line) =>
      Object.assign(document.createElement('li'), { textContent: `${line.quantity} × ${line.sku}` }),
    ),
  )
  $('cart').dataset.lines = String(lines.length)
}

async function checkout(again) {
  const cart = (await call('GET', '/v1/cart')).data ?? []
  if (!again) lastCheckout = { key: crypto.randomUUID(), lines: cart, cardToken: $('card').value }
  if (lastCheckout.lines.length === 0) {
    $('result').textContent = 'the cart is empty'
    return
  }
  const answer = await call('POST', '/v1/orders', {
    headers: { 'idempotency-key': lastCheckout.key },
    body: { lines: lastCheckout.lines, cardToken: lastCheckout.cardToken },
    what: `${again ? 'retry ' : ''}checkout`,
  })
  $('resend').disabled = false
  if (answer.errors?.length) {
    $('result').textContent = `${answer.status} ${answer.errors[0].code}: ${answer.errors[0].message}`
    return
  }
  $('result').textContent =
    `${answer.status} ${answer.replayed ? 'replayed' : 'placed'} ${answer.data.orderId} · ${dollars(answer.data.totalCents)}`
  for (const line of cart) await call('PUT', `/v1/cart/${line.sku}`, { body: { quantity: 0 } })
  showCart([])
  await showOrders()
}

async function showOrders() {
  const orders = (await call('GET', '/v1/orders')).data ?? []
  const rows = await Promise.all(orders.map(async (order) => (await call('GET', `/v1/orders/${order.orderId}`)).data))
  $('orders').tBodies[0].replaceChildren(
    ...rows.map((order) => {
      const row = document.createElement('tr')
      row.dataset.state = order.tracking?.state ?? order.state
      row.insertCell().textContent = order.orderId
      row.insertCell().textContent = dollars(order.totalCents)
      row.insertCell().textContent = order.tracking
        ? `${order.tracking.state} · ${order.tracking.carrier} ${order.tracking.number}`
        : order.state
      return row
    }),
  )
  const notices = (await call('GET', '/v1/notices')).data ?? []
  $('notices').replaceChildren(
    ...notices.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
  )
}

function signedIn() {
  $('who').textContent = customer ? `signed in as ${customer}` : ''
  if (customer) {
    call('GET', '/v1/cart').then((answer) => showCart(answer.data))
    showOrders()
  }
}

$('sign-in').onsubmit = async (event) => {
  event.preventDefault()
  const answer = await call('POST', '/v1/sessions', { body: { name: $('name').value }, what: 'sign in' })
  if (answer.errors?.length) {
    $('who').textContent = answer.errors[0].message
    return
  }
  ;({ token, customerId: customer } = answer.data)
  sessionStorage.setItem('amazon.token', token)
  sessionStorage.setItem('amazon.customer', customer)
  signedIn()
}
$('search').onsubmit = (event) => {
  event.preventDefault()
  query = $('q').value.trim()
  page = 1
  showCatalogue()
}
$('prev').onclick = () => {
  page = Math.max(1, page - 1)
  showCatalogue()
}
$('next').onclick = () => {
  page += 1
  showCatalogue()
}
$('checkout').onclick = () => checkout(false)
$('resend').onclick = () => checkout(true)
setInterval(() => customer && showOrders(), 3_000)
showCatalogue()
signedIn()
