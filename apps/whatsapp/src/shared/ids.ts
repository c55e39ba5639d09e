import { AppError } from '@wired/runtime'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** User, conversation and message ids are UUIDs; anything else is refused before it reaches SQL. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

export function requireUuid(value: unknown, field: string): string {
  if (!isUuid(value)) throw new AppError('INVALID_ARGUMENT', `${field} must be a UUID`, { field })
  return value.toLowerCase()
}
