import { describe, expect, it } from 'vitest'
import { timelinesChecksum } from './timeline'

describe('timelinesChecksum', () => {
  it('does not depend on the order readers were visited, and skips empty timelines', () => {
    const a = timelinesChecksum(
      new Map([
        ['10', ['5', '3']],
        ['9', ['4']],
        ['2', []],
      ]),
    )
    const b = timelinesChecksum(
      new Map([
        ['9', ['4']],
        ['10', ['5', '3']],
      ]),
    )
    expect(a).toEqual(b)
    expect(a).toMatchObject({ timelines: 2, entries: 3 })
  })
  it('changes when one entry changes', () => {
    const a = timelinesChecksum(new Map([['1', ['5', '3']]]))
    expect(timelinesChecksum(new Map([['1', ['5', '2']]])).checksum).not.toBe(a.checksum)
  })
})
