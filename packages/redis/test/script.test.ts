import { describe, expect, it } from 'vitest'
import { defineScript, MemoryRedis, runScript } from '../src'
import { describeScriptContract } from '../src/script-contract'

/**
 * An all-or-nothing take from several counters: the shape of a stock reserve, where a check
 * of every counter and the decrements must happen with nothing in between. KEYS are counters,
 * ARGV the amounts; the reply is 0 and nothing changes if any counter is short, else 1.
 */
const takeAll = defineScript({
  name: 'take-all',
  lua: `
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') < tonumber(ARGV[i]) then return 0 end
end
for i, key in ipairs(KEYS) do redis.call('DECRBY', key, ARGV[i]) end
return 1`,
  twin(call, keys, args) {
    if (keys.some((key, i) => Number(call('get', key) ?? '0') < Number(args[i]))) return 0
    for (const [i, key] of keys.entries()) call('decrby', key, args[i]!)
    return 1
  },
})

describeScriptContract('take-all', {
  'takes from every counter when all have enough': [
    { command: 'set', args: ['a', 5] },
    { command: 'set', args: ['b', 2] },
    { run: takeAll, keys: ['a', 'b'], args: [3, 2] },
    { command: 'get', args: ['a'] },
    { command: 'get', args: ['b'] },
  ],
  'takes nothing when one counter is short': [
    { command: 'set', args: ['a', 5] },
    { command: 'set', args: ['b', 1] },
    { run: takeAll, keys: ['a', 'b'], args: [3, 2] },
    { command: 'get', args: ['a'] },
    { command: 'get', args: ['b'] },
  ],
  'a missing counter counts as zero': [{ run: takeAll, keys: ['missing'], args: [1] }],
})

describe('runScript on the twin', () => {
  it('runs the twin body with nothing interleaved: 50 concurrent takes of 1 from 20 leave 0, never less', async () => {
    const redis = new MemoryRedis()
    await redis.set('stock', 20)
    const replies = await Promise.all(Array.from({ length: 50 }, () => runScript(redis, takeAll, ['stock'], [1])))
    expect(replies.filter((reply) => reply === 1)).toHaveLength(20)
    expect(await redis.get('stock')).toBe('0')
  })

  it('refuses a command the twin does not have, as an error', async () => {
    const bad = defineScript({ name: 'bad', lua: 'return 1', twin: (call) => call('flushall') })
    await expect(runScript(new MemoryRedis(), bad, [], [])).rejects.toThrow(/no command 'flushall'/)
  })
})
