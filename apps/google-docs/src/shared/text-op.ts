/**
 * Operational transformation for plain text: the part of the scenario to study first.
 *
 * An operation walks the document from the start: a number keeps that many characters, a string
 * inserts itself, `{ d: n }` removes n characters; whatever follows the last component is kept.
 * Characters are Unicode code points, not UTF-16 units, so an emoji (two units) is one character
 * everywhere and no op can cut one in half. A combining mark is its own code point: an op may
 * delete the accent and keep the letter, and every replica still agrees on the result.
 *
 * `transform(a, b, side)` answers the one question OT exists for: "a and b were both made against
 * the same text; b has been applied; what does a become?" The result a' satisfies
 *   apply(apply(s, b), transform(a, b, 'left')) === apply(apply(s, a), transform(b, a, 'right'))
 * which is what lets the server apply ops in arrival order while each client applies them in the
 * order it saw them. `side` breaks the one real tie: two inserts at the same place. The op with
 * side 'left' goes first; the server gives 'left' to the op it applied earlier.
 *
 * This file has no imports: the collaboration service serves it to browsers with the types
 * stripped (editor-state.ts too), so the page transforms with exactly this code.
 */

/** Half of a surrogate pair without its other half: not a character, and no client could show it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export type Component = number | string | { d: number }
export type TextOp = Component[]

/** Code points in a string (an emoji counts 1). */
export function charLength(text: string): number {
  let n = 0
  for (const _ of text) n += 1
  return n
}

function componentLength(c: Component): number {
  if (typeof c === 'number') return c
  if (typeof c === 'string') return charLength(c)
  return c.d
}

/** Splits a string at a code point offset. */
function splitChars(text: string, at: number): [string, string] {
  let units = 0
  let seen = 0
  for (const ch of text) {
    if (seen === at) break
    units += ch.length
    seen += 1
  }
  return [text.slice(0, units), text.slice(units)]
}

/** Appends a component, merging it into the last one when they are of the same kind. */
function append(op: TextOp, c: Component): void {
  if (componentLength(c) === 0) return
  const last = op[op.length - 1]
  if (op.length > 0 && typeof last === typeof c) {
    if (typeof last === 'number') op[op.length - 1] = last + (c as number)
    else if (typeof last === 'string') op[op.length - 1] = last + (c as string)
    else op[op.length - 1] = { d: (last as { d: number }).d + (c as { d: number }).d }
    return
  }
  op.push(c)
}

/** Drops a trailing keep (it means nothing) and merges neighbours: one canonical form per op. */
export function normalize(op: TextOp): TextOp {
  const out: TextOp = []
  for (const c of op) append(out, c)
  if (out.length > 0 && typeof out[out.length - 1] === 'number') out.pop()
  return out
}

/** Reads an op component by component, handing out pieces of at most `max` characters. */
class Reader {
  private index = 0
  private offset = 0
  constructor(private readonly op: TextOp) {}

  done(): boolean {
    return this.index >= this.op.length
  }

  peekIsInsert(): boolean {
    return typeof this.op[this.index] === 'string'
  }

  /** The next piece; an insert comes whole (it takes up no room in the other op's text). */
  take(max: number): Component {
    const c = this.op[this.index] as Component
    if (typeof c === 'string') {
      this.index += 1
      this.offset = 0
      return c
    }
    const left = componentLength(c) - this.offset
    const n = Math.min(max, left)
    if (n === left) {
      this.index += 1
      this.offset = 0
    } else this.offset += n
    return typeof c === 'number' ? n : { d: n }
  }
}

/** a, rewritten to apply after b (both were made against the same text). */
export function transform(a: TextOp, b: TextOp, side: 'left' | 'right'): TextOp {
  const out: TextOp = []
  const reader = new Reader(a)
  for (const c of b) {
    if (typeof c === 'string') {
      // b inserted text here. On a tie, the 'left' op's own insert stays in front of it.
      if (side === 'left' && !reader.done() && reader.peekIsInsert()) append(out, reader.take(Infinity))
      append(out, charLength(c))
      continue
    }
    let n = componentLength(c)
    while (n > 0 && !reader.done()) {
      const piece = reader.take(n)
      if (typeof piece === 'string') {
        append(out, piece)
        continue
      }
      n -= componentLength(piece)
      // Over text b kept, a's keep or delete stands. Over text b deleted, a has nothing left to
      // keep or delete there: both sides agree the characters are gone.
      if (typeof c === 'number') append(out, piece)
    }
  }
  while (!reader.done()) append(out, reader.take(Infinity))
  return normalize(out)
}

export class OpError extends Error {}

/** The text after op; throws OpError if the op reaches past the end of the text. */
export function apply(text: string, op: TextOp): string {
  const parts: string[] = []
  let rest = text
  let restLength = charLength(text)
  for (const c of op) {
    if (typeof c === 'string') {
      parts.push(c)
      continue
    }
    const n = componentLength(c)
    if (n > restLength)
      throw new OpError(`the op reaches past the end of the text (${restLength} characters left, needs ${n})`)
    const [head, tail] = splitChars(rest, n)
    if (typeof c === 'number') parts.push(head)
    rest = tail
    restLength -= n
  }
  parts.push(rest)
  return parts.join('')
}

/** How long the text must be for op to apply (its keeps and deletes). */
export function baseLength(op: TextOp): number {
  let n = 0
  for (const c of op) if (typeof c !== 'string') n += componentLength(c)
  return n
}

/** Is this a well-formed op? Says what is wrong, or undefined. Type checks for untrusted JSON. */
export function describeInvalidOp(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'op must be an array of components'
  for (const c of value) {
    if (typeof c === 'number') {
      if (!Number.isSafeInteger(c) || c <= 0) return 'a keep must be a positive integer'
    } else if (typeof c === 'string') {
      if (c.length === 0) return 'an insert must not be empty'
      if (LONE_SURROGATE.test(c)) return 'an insert must be well-formed Unicode (no lone surrogates)'
    } else if (typeof c === 'object' && c !== null && !Array.isArray(c)) {
      const keys = Object.keys(c)
      const d = (c as { d?: unknown }).d
      if (keys.length !== 1 || typeof d !== 'number' || !Number.isSafeInteger(d) || d <= 0)
        return 'a delete must be { d: positive integer }'
    } else return 'a component must be a number, a string or { d: n }'
  }
  return undefined
}

/** An op that turns `before` into `after` by replacing one span (what a textarea edit is). */
export function diffToOp(before: string, after: string): TextOp {
  const a = Array.from(before)
  const b = Array.from(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1
    endB -= 1
  }
  return normalize([start, { d: endA - start }, b.slice(start, endB).join('')])
}

/** Where a cursor (a code point offset) moves when op is applied: text inserted at or before it pushes it right. */
export function transformCursor(cursor: number, op: TextOp): number {
  let position = 0
  let result = cursor
  for (const c of op) {
    if (typeof c === 'string') {
      if (position <= cursor) result += charLength(c)
      continue
    }
    if (position >= cursor) break
    if (typeof c === 'number') position += c
    else {
      result -= Math.min(c.d, cursor - position)
      position += c.d
    }
  }
  return result
}
