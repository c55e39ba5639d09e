import { AppError } from '@wired/runtime'

/**
 * Users and posts have numeric ids (PostgreSQL identity columns: a later post has a larger id,
 * which is what timelines sort by). They travel as decimal strings; anything else is refused
 * before it reaches SQL.
 */
export function requireId(value: string, field: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(value)) throw new AppError('INVALID_ARGUMENT', `${field} is not an id`, { field })
  return value
}
