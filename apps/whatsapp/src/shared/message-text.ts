import { LIMITS } from './frames'

const TAB = 0x09
const LINE_FEED = 0x0a
const FIRST_PRINTABLE = 0x20

/**
 * What is wrong with a message's text, or undefined if nothing is. Shared by the gateway (the
 * edge), the message service (gRPC callers skip the gateway) and the web page, so all three
 * refuse the same texts with the same words.
 *
 * - C0 control characters other than tab and line feed are refused: PostgreSQL cannot store
 *   U+0000 in a text column at all, and the others (escape, bell, carriage return...) only
 *   ever arrive by accident or to mess with someone's terminal.
 * - The length is counted in Unicode code points, not UTF-16 code units (`string.length`): an
 *   emoji outside the Basic Multilingual Plane is two code units but one character to the
 *   person typing it, so 2,100 emoji fit in the 4,096 limit.
 */
export function messageTextProblem(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < FIRST_PRINTABLE && unit !== TAB && unit !== LINE_FEED)
      return `text contains control character ${codePointName(unit)} (only \\n and \\t are allowed)`
  }
  const length = codePointLength(text)
  if (length > LIMITS.maxTextLength)
    return `text is longer than ${LIMITS.maxTextLength} characters (Unicode code points): it has ${length}`
  return undefined
}

/** Unicode code points in `text` (a string iterates by code point), the way the limit counts. */
export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

const codePointName = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`
