import { setTimeout as sleep } from 'node:timers/promises'

/**
 * One shopper's side of the shop's public protocols, as the shop page (REST) and the mobile
 * product page (GraphQL) speak them: no gRPC, no Redis, nothing a customer's device could not do.
 */
export interface CheckoutAnswer {
  status: number
  replayed: boolean
  reason?: string
}

export interface ShopClient {
  /** GET a catalogue page or a search; with the ETag it last saw, a 304 costs no body. Returns the skus (none on 304). */
  listing(path: string): Promise<{ status: number; skus: string[] }>
  /** The GraphQL product page: product, price, stock, reviews, recommendations in one query. */
  productPage(sku: string): Promise<{ stock: number; recommended: string[] } | undefined>
  setCart(sku: string, quantity: number): Promise<void>
  cart(): Promise<Array<{ sku: string; quantity: number }>>
  checkout(lines: Array<{ sku: string; quantity: number }>, cardToken: string, key: string): Promise<CheckoutAnswer>
}

const PRODUCT_PAGE = /* GraphQL */ `
  query ProductPage($sku: ID!) {
    product(sku: $sku) { sku title priceCents stock reviews { stars } recommendations { sku } }
  }
`

const sender =
  (apiUrl: string, signal: AbortSignal) =>
  (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(15_000)]),
    })

/**
 * Signs in, trying again every second until the api answers: services start in any order (each
 * its own process, or compose restarting the api), and a shopper just waits at the door.
 * Undefined once the signal is aborted.
 */
export async function signInWhenOpen(apiUrl: string, name: string, signal: AbortSignal) {
  while (!signal.aborted) {
    try {
      return await signIn(apiUrl, name, signal)
    } catch {
      await sleep(1_000, undefined, { signal }).catch(() => {})
    }
  }
  return undefined
}

/** Units left of these skus (at most 50 a query), as the product pages show them: GraphQL, no sign-in. */
export async function unitsLeft(apiUrl: string, skus: string[], signal: AbortSignal): Promise<number> {
  const reply = await sender(apiUrl, signal)('POST', '/graphql', {
    body: { query: 'query($skus: [ID!]!) { products(skus: $skus) { stock } }', variables: { skus } },
  })
  const body = (await reply.json()) as { data?: { products: Array<{ stock: number }> } }
  if (!body.data) throw new Error(`GraphQL: ${reply.status}`)
  return body.data.products.reduce((sum, product) => sum + product.stock, 0)
}

/** Signs in (POST /v1/sessions: a name gets a session token) and returns the shopper's client. */
async function signIn(apiUrl: string, name: string, signal: AbortSignal): Promise<ShopClient> {
  const send = sender(apiUrl, signal)
  const session = await send('POST', '/v1/sessions', { body: { name } })
  if (session.status !== 201) throw new Error(`sign-in as ${name}: ${session.status}`)
  const { token } = ((await session.json()) as { data: { token: string } }).data
  const auth = { authorization: `Bearer ${token}` }
  const etags = new Map<string, string>()
  const graphql = async <T>(query: string, variables: Record<string, unknown>) => {
    const reply = await send('POST', '/graphql', { body: { query, variables } })
    const body = (await reply.json()) as { data?: T; errors?: unknown[] }
    if (!body.data || body.errors) throw new Error(`GraphQL: ${reply.status}`)
    return body.data
  }

  return {
    async listing(path) {
      const seen = etags.get(path)
      const reply = await send('GET', path, { headers: seen ? { 'if-none-match': seen } : {} })
      if (reply.status !== 200) {
        await reply.body?.cancel()
        return { status: reply.status, skus: [] }
      }
      const etag = reply.headers.get('etag')
      if (etag) etags.set(path, etag)
      const { data } = (await reply.json()) as { data: Array<{ sku: string }> }
      return { status: 200, skus: data.map((product) => product.sku) }
    },
    async productPage(sku) {
      const { product } = await graphql<{ product: { stock: number; recommendations: Array<{ sku: string }> } | null }>(
        PRODUCT_PAGE,
        { sku },
      )
      return product ? { stock: product.stock, recommended: product.recommendations.map((r) => r.sku) } : undefined
    },
    async setCart(sku, quantity) {
      const reply = await send('PUT', `/v1/cart/${sku}`, { headers: auth, body: { quantity } })
      await reply.body?.cancel()
      if (reply.status !== 200) throw new Error(`cart: ${reply.status}`)
    },
    async cart() {
      const reply = await send('GET', '/v1/cart', { headers: auth })
      return ((await reply.json()) as { data?: Array<{ sku: string; quantity: number }> }).data ?? []
    },
    async checkout(lines, cardToken, key) {
      const reply = await send('POST', '/v1/orders', {
        headers: { ...auth, 'idempotency-key': key },
        body: { lines, cardToken },
      })
      const body = (await reply.json().catch(() => ({}))) as { errors?: Array<{ details?: { reason?: string } }> }
      return {
        status: reply.status,
        replayed: reply.headers.get('idempotent-replayed') === 'true',
        reason: body.errors?.[0]?.details?.reason,
      }
    },
  }
}
