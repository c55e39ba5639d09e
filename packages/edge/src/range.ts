/**
 * One byte range of an object (RFC 9110 §14): `bytes=a-b`, `bytes=a-` or `bytes=-n`. A header
 * that is not one such range (several ranges, another unit, text) or a range past the end is
 * refused with 416 rather than ignored: the study wants a bad Range to be visible, and a player
 * never sends one.
 */
export type RangeAnswer = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'invalid' }

const RANGE = /^bytes=(\d{0,15})-(\d{0,15})$/

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' }
  const match = RANGE.exec(header.trim())
  if (!match) return { kind: 'invalid' }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return { kind: 'invalid' }
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return { kind: 'invalid' }
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (start >= size || end < start) return { kind: 'invalid' }
  return { kind: 'part', start, end }
}
