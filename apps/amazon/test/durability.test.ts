import { setTimeout as sleep } from 'node:timers/promises'
import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootShop, buyOne, type RunningShop } from './support/shop'

const SKU = 'sku-100' // 100 units

describe.each(runModes())('the inventory service killed with -9 in the middle of a rush (%s)', (mode) => {
  let shop: RunningShop

  beforeAll(async () => {
    shop = await bootShop(mode)
  })
  afterAll(async () => {
    await shop?.stop()
  })

  it('still sells exactly 100 of 100 units to 200 buyers, and Redis and PostgreSQL agree at the end', async () => {
    if (!shop.processes) throw new Error('this mode cannot kill a service')
    const buyers = Array.from({ length: 200 }, (_, i) => shop.customer(`kill-${i}`))
    let answered = 0
    const rush = Promise.all(
      buyers.map(async (buyer) => {
        const outcome = await buyOne(buyer, SKU)
        answered++
        return outcome
      }),
    )
    await waitFor(async () => (await shop.stock(SKU))[0]!.sold >= 20, { timeoutMs: 30_000, what: '20 sold' })
    await shop.processes.kill('inventory')
    await sleep(300)
    await shop.processes.start('inventory')
    const outcomes = await rush
    expect(answered).toBe(200)

    // A reservation whose reply was lost in the kill holds units until it expires; then the
    // sweeper gives them back. Late buyers take whatever that frees, until none is left.
    await waitFor(async () => (await shop.redisStock(SKU)).reservations === 0, {
      timeoutMs: 20_000,
      what: 'no open reservation',
    })
    let late = 0
    for (;;) {
      const outcome = await buyOne(shop.customer(`late-${late}`), SKU)
      if (outcome === 'sold out') break
      late++
    }
    const bought = outcomes.filter((o) => o === 'bought').length + late
    expect(bought).toBe(100)
    expect(await shop.stock(SKU)).toEqual([{ sku: SKU, available: 0, sold: 100 }])
    expect(await shop.redisStock(SKU)).toEqual({ available: 0, reservations: 0 })
    // Every buyer who was told "bought" has exactly one order.
    const orders = await Promise.all(buyers.map(async (buyer) => (await buyer.orders()).body.data!.length))
    expect(orders.filter((n) => n > 1)).toEqual([])
    expect(orders.reduce((sum, n) => sum + n, 0)).toBe(outcomes.filter((o) => o === 'bought').length)
  }, 120_000)
})
