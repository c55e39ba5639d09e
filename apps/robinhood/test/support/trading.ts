import { randomBytes, randomUUID } from 'node:crypto'
import type { BootOptions, RunMode } from '@wired/testkit'
import { marketKeys, tickMessage } from '../../src/shared/market-feed'
import { bootRobinhood, pricesUrls, type RunningRobinhood } from './system'

export interface RunningTrading {
  mode: RunMode
  apiUrl: string
  databaseUrl: string
  grpcSecret: string
  grpc: { orders: string; portfolio: string; risk: string }
  wireUrl: string
  /** The price gateway: ws://…/ws and its http:// base (SSE ticker, pages). */
  pricesWs: string
  pricesHttp: string
  processes?: RunningRobinhood['processes']
  /** Sets a symbol's last price (HSET prices:last) and announces it as a tick (PUBLISH prices:ticks). */
  setPrice(symbol: string, cents: number): Promise<void>
  stop(): Promise<void>
}

let seq = 0

/**
 * Boots the whole scenario for a trade-path test file with the market held still (no ticks), so
 * a test decides every price it trades at: it sets a symbol's last price and publishes the tick
 * itself. Compose runs the live market and keeps Redis private: no price can be set there.
 */
export async function bootTrading(mode: RunMode, options: BootOptions = {}): Promise<RunningTrading> {
  const system = await bootRobinhood(mode, {
    ...options,
    env: { RATE_LIMIT_PER_MINUTE: '60000', OUTBOX_POLL_MS: '200', MARKET_TICKS_PER_SECOND: '0', ...options.env },
  })
  const redis = mode === 'compose' ? undefined : system.redis()
  const keys = marketKeys(redis?.keyPrefix ?? 'robinhood:')
  const epoch = randomBytes(4).toString('hex')
  const url = (label: string) => system.urls[label]!
  return {
    mode,
    apiUrl: url('REST api'),
    databaseUrl: system.env.DATABASE_URL!,
    grpcSecret: system.grpcSecret,
    grpc: { orders: url('gRPC orders'), portfolio: url('gRPC portfolio'), risk: url('gRPC risk') },
    wireUrl: system.env.WIRE_COLLECTOR_URL!,
    pricesWs: pricesUrls(system).ws,
    pricesHttp: pricesUrls(system).http,
    processes: system.processes,
    async setPrice(symbol, cents) {
      if (!redis) throw new Error('compose runs the live market: a test cannot set a price there')
      await redis.client.hset(keys.lastPrices, symbol, cents)
      seq += 1
      await redis.client.publish(
        keys.ticks,
        tickMessage({ epoch, seq, atMs: Date.now(), ticks: [{ symbol, priceCents: cents }] }),
      )
    },
    async stop() {
      await redis?.client.quit()
      await system.stop()
    },
  }
}

/** A REST client of the api for one account: JSON in and out, the status kept. */
export class Trader {
  constructor(
    readonly apiUrl: string,
    readonly token: string,
    readonly accountId: string,
  ) {}

  static async open(apiUrl: string, name = `t_${randomBytes(5).toString('hex')}`): Promise<Trader> {
    const response = await call(apiUrl, 'POST', '/v1/accounts', { body: { name, password: 'correct horse' } })
    if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`)
    const data = response.body.data as { token: string; accountId: string }
    return new Trader(apiUrl, data.token, data.accountId)
  }

  place(order: Record<string, unknown>, key: string = randomUUID()) {
    return call(this.apiUrl, 'POST', '/v1/orders', {
      body: order,
      token: this.token,
      headers: { 'idempotency-key': key },
    })
  }

  cancel(orderId: string) {
    return call(this.apiUrl, 'DELETE', `/v1/orders/${orderId}`, { token: this.token })
  }

  async orders(): Promise<OrderSeen[]> {
    return (await call(this.apiUrl, 'GET', '/v1/orders?limit=200', { token: this.token })).body.data as OrderSeen[]
  }

  async portfolio(): Promise<PortfolioSeen> {
    return (await call(this.apiUrl, 'GET', '/v1/portfolio', { token: this.token })).body.data as PortfolioSeen
  }
}

export interface OrderSeen {
  orderId: string
  symbol: string
  side: 'buy' | 'sell'
  state: string
  quantity: number
  fillPriceCents: number | null
  reason: string | null
}

export interface PortfolioSeen {
  cashCents: number
  heldCents: number
  buyingPowerCents: number
  positions: Array<{ symbol: string; quantity: number; heldQuantity: number; costCents: number }>
}

export interface Answer {
  status: number
  headers: Headers
  // Bodies are the API's JSON envelope; tests read what they check.
  body: { data: unknown; errors: Array<{ code: string; message: string; details?: Record<string, unknown> }> }
}

export async function call(
  apiUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  if (payload !== undefined) headers['content-type'] ??= 'application/json'
  const response = await fetch(`${apiUrl}${path}`, { method, headers, body: payload })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : { data: null, errors: [] },
  }
}
