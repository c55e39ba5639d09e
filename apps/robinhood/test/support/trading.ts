import { randomBytes, randomUUID } from 'node:crypto'
import { createRedis, type RedisClient } from '@wired/redis'
import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'
import { marketKeys, tickMessage } from '../../src/shared/market-feed'
import { LISTINGS } from '../../src/shared/symbols'

export interface RunningTrading {
  mode: RunMode
  apiUrl: string
  databaseUrl: string
  grpcSecret: string
  grpc: { orders: string; portfolio: string; risk: string }
  wireUrl: string
  processes?: Awaited<ReturnType<typeof bootScenario>>['processes']
  /** Sets a symbol's last price (HSET prices:last) and announces it as a tick (PUBLISH prices:ticks). */
  setPrice(symbol: string, cents: number): Promise<void>
  stop(): Promise<void>
}

let seq = 0

/**
 * Boots the trade path for a test file. The market simulator is kept still (no ticks), so a test
 * decides every price it trades at: it sets a symbol's last price and publishes the tick itself.
 */
export async function bootTrading(mode: RunMode, options: BootOptions = {}): Promise<RunningTrading> {
  // TEMPORARY until the price side lands: the trade path without market and prices.
  const tradePath = {
    ...scenario,
    services: scenario.services
      .filter((service) => !['market', 'prices'].includes(service.name))
      .map((service) =>
        service.name === 'api'
          ? {
              ...service,
              env: (at: Parameters<NonNullable<typeof service.env>>[0]) => ({
                ORDERS_GRPC_ADDRESS: at.grpc('orders'),
                PORTFOLIO_GRPC_ADDRESS: at.grpc('portfolio'),
                PRICES_PUBLIC_URL: 'http://127.0.0.1:9',
              }),
            }
          : service,
      ),
    urls: (at: Parameters<typeof scenario.urls>[0]) => ({
      'REST api': at.http('api'),
      'gRPC orders': at.grpc('orders'),
      'gRPC risk': at.grpc('risk'),
      'gRPC portfolio': at.grpc('portfolio'),
    }),
  }
  const booted = await bootScenario(tradePath, mode, {
    ...options,
    env: { RATE_LIMIT_PER_MINUTE: '60000', OUTBOX_POLL_MS: '200', MARKET_TICKS_PER_SECOND: '0', ...options.env },
  })
  const keys = marketKeys(booted.env.REDIS_KEY_PREFIX ?? 'robinhood:')
  // Compose runs the live market and keeps Redis on its private network: no price is set there.
  const redis: RedisClient | undefined =
    mode === 'compose' ? undefined : (booted.twins?.redis ?? createRedis(booted.env.REDIS_URL!))
  const ownRedis = mode !== 'compose' && !booted.twins?.redis
  await redis?.hset(keys.lastPrices, Object.fromEntries(LISTINGS.map((listing) => [listing.symbol, listing.openCents])))
  const epoch = randomBytes(4).toString('hex')
  const url = (label: string) => booted.urls[label]!
  return {
    mode,
    apiUrl: url('REST api'),
    databaseUrl: booted.env.DATABASE_URL!,
    grpcSecret: booted.env.GRPC_SECRET!,
    grpc: { orders: url('gRPC orders'), portfolio: url('gRPC portfolio'), risk: url('gRPC risk') },
    wireUrl: booted.env.WIRE_COLLECTOR_URL!,
    processes: booted.processes,
    async setPrice(symbol, cents) {
      if (!redis) throw new Error('compose runs the live market: a test cannot set a price there')
      await redis.hset(keys.lastPrices, symbol, cents)
      seq += 1
      await redis.publish(
        keys.ticks,
        tickMessage({ epoch, seq, atMs: Date.now(), ticks: [{ symbol, priceCents: cents }] }),
      )
    },
    async stop() {
      if (ownRedis) await redis?.quit()
      await booted.stop()
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
