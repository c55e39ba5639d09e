import { describe, expect, it } from 'vitest'
import { rebuildVersion } from './rebuild-version'

describe('rebuilding a version from a snapshot and the op log', () => {
  const ops = [
    { revision: 6, op: [5, '!'] },
    { revision: 7, op: [{ d: 1 }] },
    { revision: 8, op: ['>'] },
  ]

  it('applies the ops after the snapshot up to the revision asked for', () => {
    expect(rebuildVersion(7, { revision: 5, text: 'hello' }, ops)).toBe('ello!')
    expect(rebuildVersion(5, { revision: 5, text: 'hello' }, ops)).toBe('hello')
  })

  it('refuses a hole in the log and a revision not logged yet', () => {
    expect(() => rebuildVersion(8, { revision: 5, text: 'hello' }, [ops[0]!, ops[2]!])).toThrow(/missing revision 7/)
    expect(() => rebuildVersion(9, { revision: 5, text: 'hello' }, ops)).toThrow(/not in the log/)
  })
})
