import { AppError } from '@wired/runtime'

/** Twitter's limit, counted in code points (an emoji is one, as a reader counts it). */
export const MAX_POST_CODE_POINTS = 280

// Control characters other than newline and tab have no place in a post (NUL breaks PostgreSQL text).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/

/** Half of a UTF-16 pair without its other half: not text, and PostgreSQL refuses it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** The post's text as stored, or INVALID_ARGUMENT saying what is wrong with it. */
export function checkPostText(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '') throw new AppError('INVALID_ARGUMENT', 'a post needs some text', { field: 'text' })
  const length = [...trimmed].length
  if (length > MAX_POST_CODE_POINTS)
    throw new AppError(
      'INVALID_ARGUMENT',
      `a post is at most ${MAX_POST_CODE_POINTS} characters (this one has ${length})`,
      {
        field: 'text',
      },
    )
  if (CONTROL.test(trimmed))
    throw new AppError('INVALID_ARGUMENT', 'control characters are not allowed', { field: 'text' })
  if (LONE_SURROGATE.test(trimmed))
    throw new AppError('INVALID_ARGUMENT', 'text has an unpaired surrogate', { field: 'text' })
  return trimmed
}

/** The hash tags of a post, lower-cased and unique: `#Kafka and #kafka` count once. */
export function hashtagsOf(text: string): string[] {
  const tags = new Set<string>()
  for (const match of text.matchAll(/(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]{1,50})/gu)) tags.add(match[1]!.toLowerCase())
  return [...tags]
}
