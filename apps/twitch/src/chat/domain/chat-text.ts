import { AppError } from '@wired/runtime'

/** Twitch's own ceiling; counted in code points, so an emoji is one character, not two. */
export const MAX_TEXT_CHARS = 500

/** The fixed emote set: a `:Name:` code in a message becomes an emote part, anything else stays text. */
export const EMOTES = [
  'Kappa',
  'PogChamp',
  'LUL',
  'HeyGuys',
  'BibleThump',
  'Kreygasm',
  'SeemsGood',
  'NotLikeThis',
] as const
const KNOWN = new Set<string>(EMOTES)
const CODE = /:([A-Za-z]{2,20}):/g
// C0/C1 controls and bidi overrides (which can make a line read backwards); tab and newline become spaces.
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu

export type MessagePart = { type: 'text'; text: string } | { type: 'emote'; name: string }

/**
 * The text as the server keeps and sends it. It is never HTML: the parts carry it as plain
 * characters (a `<script>` stays the eight characters `<script>`), and pages put it in with
 * textContent. Escaping it here instead would break every client that is not a web page.
 */
export function cleanText(text: unknown): string {
  if (typeof text !== 'string') throw new AppError('INVALID_ARGUMENT', 'text must be a string')
  const clean = text.replace(INVISIBLE, ' ').trim()
  if (clean.length === 0) throw new AppError('INVALID_ARGUMENT', 'text is empty')
  const chars = [...clean].length
  if (chars > MAX_TEXT_CHARS)
    throw new AppError('PAYLOAD_TOO_LARGE', `text: at most ${MAX_TEXT_CHARS} characters (got ${chars})`, {
      maxChars: MAX_TEXT_CHARS,
    })
  return clean
}

/** Splits a clean text into text runs and emotes from the fixed set. */
export function toParts(text: string): MessagePart[] {
  const parts: MessagePart[] = []
  let from = 0
  for (const match of text.matchAll(CODE)) {
    const name = match[1] as string
    if (!KNOWN.has(name)) continue
    if (match.index > from) parts.push({ type: 'text', text: text.slice(from, match.index) })
    parts.push({ type: 'emote', name })
    from = match.index + match[0].length
  }
  if (from < text.length) parts.push({ type: 'text', text: text.slice(from) })
  return parts
}
