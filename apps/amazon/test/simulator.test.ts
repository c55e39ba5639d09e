import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest'
import { CATALOG } from '../src/shared/catalog'
import { bootShop, type RunningShop } from './support/shop'

const SHOPPERS = 4
const shopperNames = Array.from({ length: SHOPPERS }, (_, i) => `sim-${i + 1}`)

/**
 * The shopper simulator as `./wired start amazon` runs it, only faster: four shoppers, a step
 * every ~40 ms. Everything is checked from outside: the orders at GET /v1/orders as each shopper,
 * the declines on the simulator's progress line (its stdout), the stock from the inventory
 * service (Redis) and its sales table (PostgreSQL). The compose pass boots the profile with the
 * shoppers home (infra/docker/compose.test.yml), so this file runs embedded and real only.
 */
describe.each(runModes().filter((mode) => mode !== 'compose'))('the shopper simulator (%s)', (mode) => {
  let shop: RunningShop
  let stdout: MockInstance | undefined
  const printed: string[] = []

  beforeAll(async () => {
    // Embedded, the simulator writes to this process's stdout; real, to its own (processes.logs).
    if (mode === 'embedded')
      stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk))
        return true
      })
    shop = await bootShop(mode, {
      env: {
        SIM_SHOPPERS: String(SHOPPERS),
        SIM_NAME_PREFIX: 'sim',
        SIM_PACE_MS: '40',
        SIM_PROGRESS_MS: '250',
        SIM_SEED: '11',
      },
    })
  })
  afterAll(async () => {
    await shop?.stop()
    stdout?.mockRestore()
  })

  it('places orders, gives back what declined cards reserved, and Redis and PostgreSQL agree on every unit', async () => {
    const progress = () => (mode === 'embedded' ? printed.join('') : shop.processes!.logs('simulator'))
    const declined = () => Number([...progress().matchAll(/orders\/s \((\d+) declined/g)].at(-1)?.[1] ?? 0)
    const placedUnits = async () => {
      const orders = await Promise.all(
        shopperNames.map(async (name) => (await shop.customer(name).orders()).body.data!),
      )
      const placed = orders.flat().filter((order) => order.state === 'placed')
      return { orders: placed.length, units: placed.flatMap((o) => o.lines).reduce((sum, l) => sum + l.quantity, 0) }
    }
    await waitFor(async () => declined() >= 2 && (await placedUnits()).orders >= 5, {
      timeoutMs: 20_000,
      what: 'five orders placed and two cards declined by the shoppers',
    })
    expect(progress()).toMatch(
      /shoppers: 4 browsing, [\d.]+ page views\/s( \(\d+ % 304\))?, [\d.]+ orders\/s \(\d+ declined/,
    )

    // Shoppers gone (killed -9 on real infra, mid-checkout perhaps): what they held is released
    // or sold, and for every product available (Redis) + sold (PostgreSQL) = what the shop opened with.
    await shop.processes!.kill('simulator')
    const skus = CATALOG.map((item) => item.sku)
    const settled = await waitFor(
      async () => {
        if ((await shop.redisStock('sku-001')).reservations > 0) return undefined
        const levels = await shop.stock(...skus)
        const drift = levels.filter((l, i) => l.available + l.sold !== CATALOG[i]!.initialStock)
        const sold = levels.reduce((sum, l) => sum + l.sold, 0)
        return drift.length === 0 && sold === (await placedUnits()).units ? { levels, sold } : undefined
      },
      { timeoutMs: 15_000, what: 'available + sold = initial stock for every product, and sold = the units ordered' },
    )
    expect(settled.sold).toBeGreaterThan(0)
    // The launch item (100 units) is low stock: the shoppers never touch it.
    expect(settled.levels.find((l) => l.sku === 'sku-100')).toEqual({ sku: 'sku-100', available: 100, sold: 0 })
  })
})
