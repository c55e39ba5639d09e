/**
 * Every Redis key of the scenario, in one place (prefix: REDIS_KEY_PREFIX, `amazon:`):
 *
 *   stock:{sku}            string  units a checkout can still reserve (inventory: Lua reserve/release)
 *   reservation:{orderId}  hash    stock key → units held for an order not yet confirmed
 *   reservations:expiring  zset    orderId scored by its expiry (ms); the sweeper releases the past
 *   tracking:{orderId}     hash    state, carrier, tracking number (shipping consumer → api)
 *   notices:{customerId}   zset    what the notification consumer "sent", newest kept
 *   cart:{customerId}      hash    sku → units (api; the shop page's cart)
 */
export function redisKeys(prefix: string) {
  return {
    stock: (sku: string) => `${prefix}stock:${sku}`,
    reservation: (orderId: string) => `${prefix}reservation:${orderId}`,
    expiring: `${prefix}reservations:expiring`,
    tracking: (orderId: string) => `${prefix}tracking:${orderId}`,
    notices: (customerId: string) => `${prefix}notices:${customerId}`,
    cart: (customerId: string) => `${prefix}cart:${customerId}`,
  }
}

export type RedisKeys = ReturnType<typeof redisKeys>
