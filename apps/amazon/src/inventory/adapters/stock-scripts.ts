import { defineScript } from '@wired/redis'

/**
 * Reserve every line of a cart, or none: KEYS = [reservation:{orderId}, reservations:expiring,
 * stock:{sku}...], ARGV = [orderId, expiresAtMs, units...]. Replies 0 (reserved), -1 (this
 * order already holds a reservation: a retried Reserve changes nothing) or i ≥ 1 (line i is
 * short; nothing changed).
 *
 * Why a script and not DECRBY per line with an INCRBY to undo: between a decrement and its undo
 * other buyers see the units gone, or the counter below zero, and are refused for a cart that
 * will not buy. The script checks every line and then decrements all with nothing in between,
 * so the counter never goes below zero and never refuses a buyer it could have served.
 */
export const reserveStock = defineScript<number>({
  name: 'reserve-stock',
  lua: `
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
for i = 3, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') < tonumber(ARGV[i]) then return i - 2 end
end
for i = 3, #KEYS do
  redis.call('DECRBY', KEYS[i], ARGV[i])
  redis.call('HINCRBY', KEYS[1], KEYS[i], ARGV[i])
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 0`,
  twin(call, keys, args) {
    if (call('exists', keys[0]!) === 1) return -1
    for (let i = 2; i < keys.length; i++) if (Number(call('get', keys[i]!) ?? '0') < Number(args[i])) return i - 1
    for (let i = 2; i < keys.length; i++) {
      call('decrby', keys[i]!, args[i]!)
      call('hincrby', keys[0]!, keys[i]!, args[i]!)
    }
    call('zadd', keys[1]!, args[1]!, args[0]!)
    return 0
  },
})

/**
 * Give a reservation's units back: KEYS = [reservation:{orderId}, reservations:expiring],
 * ARGV = [orderId]. Replies 1, or 0 when there is nothing to release (released, expired or
 * confirmed already), so a payment failure and the expiry sweeper can both try safely.
 */
export const releaseStock = defineScript<number>({
  name: 'release-stock',
  lua: `
local held = redis.call('HGETALL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if #held == 0 then return 0 end
for i = 1, #held, 2 do redis.call('INCRBY', held[i], held[i + 1]) end
redis.call('DEL', KEYS[1])
return 1`,
  twin(call, keys, args) {
    const held = call('hgetall', keys[0]!) as Record<string, string>
    call('zrem', keys[1]!, args[0]!)
    const entries = Object.entries(held)
    if (entries.length === 0) return 0
    for (const [stockKey, units] of entries) call('incrby', stockKey, units)
    call('del', keys[0]!)
    return 1
  },
})

/**
 * Turn a reservation into a sale: KEYS = [reservation:{orderId}, reservations:expiring],
 * ARGV = [orderId]. Deletes it (the units stay taken) and replies with what it held as
 * [stockKey, units, ...], or an empty array if it was gone. Taking it in one step means the
 * expiry sweeper can never release units that are being confirmed.
 */
export const confirmStock = defineScript<string[]>({
  name: 'confirm-stock',
  lua: `
local held = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return held`,
  twin(call, keys, args) {
    const held = call('hgetall', keys[0]!) as Record<string, string>
    call('del', keys[0]!)
    call('zrem', keys[1]!, args[0]!)
    return Object.entries(held).flat()
  },
})
