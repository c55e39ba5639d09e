import { AppError } from '@wired/runtime'

/**
 * History cursors are opaque to clients (base64url of "seq:<n>"), so the server may change
 * what a page boundary is (a seq today, a seq plus a timestamp tomorrow) without breaking them.
 */
export function encodeCursor(beforeSeq: number): string | null {
  return beforeSeq > 0 ? Buffer.from(`seq:${beforeSeq}`).toString('base64url') : null
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const match = /^seq:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match) throw new AppError('INVALID_ARGUMENT', 'cursor is not one this server issued', { field: 'cursor' })
  return Number(match[1])
}

/**
 * `since=<conversationId>:<seq>,<conversationId>:<seq>`: where a reconnecting client got to in
 * each conversation it knows. Conversations it does not list are read from the start.
 */
export function parseSince(since: string | undefined): Record<string, number> {
  const seen: Record<string, number> = {}
  if (since === undefined || since === '') return seen
  for (const part of since.split(',')) {
    const match = /^([0-9a-fA-F-]{36}):(0|[1-9][0-9]{0,15})$/.exec(part.trim())
    if (!match) throw new AppError('INVALID_ARGUMENT', `since: '${part.slice(0, 60)}' is not <conversationId>:<seq>`)
    seen[match[1]!.toLowerCase()] = Number(match[2])
  }
  return seen
}
