import { describeScriptContract } from '@wired/redis/script-contract'
import { confirmStock, releaseStock, reserveStock } from './stock-scripts'

// The Lua that real Redis runs and the JavaScript the embedded twin runs must agree, reply for reply.
const reserve = (order: string, expires: number, lines: Array<[string, number]>) => ({
  run: reserveStock,
  keys: [`reservation:${order}`, 'expiring', ...lines.map(([sku]) => `stock:${sku}`)],
  args: [order, expires, ...lines.map(([, units]) => units)],
})
const release = (order: string) => ({ run: releaseStock, keys: [`reservation:${order}`, 'expiring'], args: [order] })
const confirm = (order: string) => ({ run: confirmStock, keys: [`reservation:${order}`, 'expiring'], args: [order] })
const get = (sku: string) => ({ command: 'get', args: [`stock:${sku}`] })

describeScriptContract('amazon stock', {
  'reserves every line, then a retry of the same order changes nothing': [
    { command: 'set', args: ['stock:a', 5] },
    { command: 'set', args: ['stock:b', 2] },
    reserve('o1', 1000, [
      ['a', 3],
      ['b', 2],
    ]),
    reserve('o1', 1000, [
      ['a', 3],
      ['b', 2],
    ]),
    get('a'),
    get('b'),
    { command: 'zscore', args: ['expiring', 'o1'] },
  ],
  'a short line reserves nothing and names the line': [
    { command: 'set', args: ['stock:a', 5] },
    { command: 'set', args: ['stock:b', 1] },
    reserve('o1', 1000, [
      ['a', 3],
      ['b', 2],
    ]),
    get('a'),
    get('b'),
    { command: 'exists', args: ['reservation:o1'] },
  ],
  'release gives the units back once': [
    { command: 'set', args: ['stock:a', 5] },
    reserve('o1', 1000, [['a', 4]]),
    release('o1'),
    release('o1'),
    get('a'),
  ],
  'confirm keeps the units taken and returns what was held; release after it gives nothing back': [
    { command: 'set', args: ['stock:a', 5] },
    reserve('o1', 1000, [['a', 4]]),
    confirm('o1'),
    release('o1'),
    confirm('o1'),
    get('a'),
  ],
})
