import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { createGrpcClient } from '@wired/grpc'
import { InventoryServiceClient } from '@wired/proto/amazon/v1/checkout'
import { createRedis, type RedisClient } from '@wired/redis'
import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'
import { customerTokens } from '../../src/shared/customer-token'

export interface Reply<T = unknown> {
  status: number
  headers: Headers
  body: {
    data?: T
    meta?: Record<string, unknown>
    errors?: Array<{ code: string; message: string; details?: Record<string, unknown> }>
  }
}

export type RunningShop = Awaited<ReturnType<typeof bootShop>>

/**
 * Boots the scenario for a test file (embedded, real, or the running compose profile) and gives
 * the test what a customer has (REST, GraphQL) plus, off compose, what an operator has: the
 * inventory service's Stock call and the scenario's Redis.
 */
export async function bootShop(mode: RunMode, options: BootOptions = {}) {
  const shoppers = options.env?.SIM_SHOPPERS ?? '0'
  const booted = await bootScenario(scenario, mode, {
    // On real infra, a simulator with no shoppers is not worth a process (embedded, it costs nothing).
    only: shoppers === '0' ? scenario.services.map((s) => s.name).filter((name) => name !== 'simulator') : undefined,
    ...options,
    env: {
      RATE_LIMIT_PER_MINUTE: '100000',
      OUTBOX_POLL_MS: '200',
      RESERVATION_TTL_MS: '3000',
      RESERVATION_SWEEP_MS: '200',
      PAYMENT_HANG_MS: '2500',
      ...options.env,
      // Tests count stock to the unit: the shoppers stay home unless a test asks for them.
      SIM_SHOPPERS: shoppers,
    },
  })
  const apiUrl = booted.urls['REST api']!
  const grpcSecret = booted.env.GRPC_SECRET!
  const tokens = customerTokens(grpcSecret)
  const inventory = createGrpcClient(InventoryServiceClient, booted.urls['gRPC inventory']!, {
    deadlineMs: 5_000,
    caller: { name: 'api', secret: grpcSecret },
  })
  const redisPrefix = booted.env.REDIS_KEY_PREFIX ?? 'amazon:'
  let redis: RedisClient | undefined
  if (booted.twins?.redis) redis = booted.twins.redis.duplicate()
  else if (mode !== 'compose') redis = createRedis(booted.env.REDIS_URL!)

  const request: Request = async <T>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} } as Reply<T>
  }

  return {
    mode,
    apiUrl,
    grpcSecret,
    /** The wire view's collector (traces by id). */
    wireUrl: booted.env.WIRE_COLLECTOR_URL!,
    urls: booted.urls,
    processes: booted.processes,
    request,
    customer: (name = `c-${randomUUID().slice(0, 8)}`): Customer => new Customer(request, name, tokens.issue(name)),
    graphql: async <T>(query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
      return {
        status: response.status,
        sqlStatements: Number(response.headers.get('x-sql-statements') ?? Number.NaN),
        body: (await response.json()) as { data?: T; errors?: Array<{ message: string }> },
      }
    },
    /** Available (Redis) and sold (PostgreSQL) for each sku, from the inventory service. */
    stock: async (...skus: string[]) => (await inventory.stock({ skus })).levels,
    /** The raw Redis counter and the open reservations (not on compose). */
    redisStock: async (sku: string) => {
      if (!redis) throw new Error('no Redis access in compose mode')
      return {
        available: Number(await redis.get(`${redisPrefix}stock:${sku}`)),
        reservations: await redis.zcard(`${redisPrefix}reservations:expiring`),
      }
    },
    async stop() {
      inventory.close()
      await redis?.quit()
      await booted.stop()
    },
  }
}

type Request = <T>(
  method: string,
  path: string,
  init?: { body?: unknown; headers?: Record<string, string> },
) => Promise<Reply<T>>

export class Customer {
  constructor(
    private readonly request: Request,
    readonly name: string,
    readonly token: string,
  ) {}

  private get auth() {
    return { authorization: `Bearer ${this.token}` }
  }

  checkout(
    lines: Array<{ sku: string; quantity: number }>,
    options: { key?: string; card?: string; extra?: object } = {},
  ) {
    return this.request<Order>('POST', '/v1/orders', {
      headers: { ...this.auth, 'idempotency-key': options.key ?? randomUUID() },
      body: { lines, cardToken: options.card ?? 'tok_ok', ...options.extra },
    })
  }

  order(orderId: string) {
    return this.request<Order & { tracking: { state: string; number: string } | null }>(
      'GET',
      `/v1/orders/${orderId}`,
      {
        headers: this.auth,
      },
    )
  }

  orders() {
    return this.request<Order[]>('GET', '/v1/orders', { headers: this.auth })
  }

  notices() {
    return this.request<string[]>('GET', '/v1/notices', { headers: this.auth })
  }

  cart() {
    return this.request<Array<{ sku: string; quantity: number }>>('GET', '/v1/cart', { headers: this.auth })
  }

  setCart(sku: string, quantity: number) {
    return this.request('PUT', `/v1/cart/${sku}`, { headers: this.auth, body: { quantity } })
  }
}

export interface Order {
  orderId: string
  state: string
  lines: Array<{ sku: string; quantity: number; unitCents: number }>
  totalCents: number
  paymentId: string
}

/**
 * A customer who keeps trying, as a phone app does: the same Idempotency-Key on every retry, so
 * a lost reply never buys twice. Ends with the order (201, or 200 replayed) or "out of stock".
 */
export async function buyOne(customer: Customer, sku: string, key = randomUUID()): Promise<'bought' | 'sold out'> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const reply = await customer.checkout([{ sku, quantity: 1 }], { key })
    if (reply.status === 201 || reply.status === 200) return 'bought'
    if (reply.status === 409 && reply.body.errors?.[0]?.details?.reason === 'OUT_OF_STOCK') return 'sold out'
    await sleep(250) // 503/504 while a service restarts, or 409 "in progress" for this key
  }
  throw new Error(`${customer.name} got no answer in 120 tries`)
}
