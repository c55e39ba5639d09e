import { AppError } from '@wired/runtime'

/** Handles are what people type to find each other: lower case, 3 to 32 of [a-z0-9_.]. */
export function normalizeHandle(handle: string): string {
  const normalized = handle.trim().toLowerCase()
  if (!/^[a-z0-9_.]{3,32}$/.test(normalized))
    throw new AppError('INVALID_ARGUMENT', 'handle must be 3 to 32 characters of a-z, 0-9, _ and .', {
      field: 'handle',
    })
  return normalized
}

// C0 control characters and DEL: PostgreSQL refuses U+0000 in text outright (it came back as an
// INTERNAL error), and the others have no business in a name shown to other people.
const hasControlCharacter = (text: string) =>
  [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)

export function checkDisplayName(name: string): string {
  const trimmed = name.trim()
  if (trimmed.length < 1 || trimmed.length > 64)
    throw new AppError('INVALID_ARGUMENT', 'display name must be 1 to 64 characters', { field: 'displayName' })
  if (hasControlCharacter(trimmed))
    throw new AppError('INVALID_ARGUMENT', 'display name must not contain control characters', { field: 'displayName' })
  return trimmed
}

export function checkAbout(about: string): string {
  if (about.length > 140)
    throw new AppError('INVALID_ARGUMENT', 'about must be at most 140 characters', { field: 'about' })
  if (hasControlCharacter(about))
    throw new AppError('INVALID_ARGUMENT', 'about must not contain control characters', { field: 'about' })
  return about
}

/** A new user's display name when none is given: the handle, capitalised ("alice" → "Alice"). */
export function defaultDisplayName(handle: string): string {
  return handle.charAt(0).toUpperCase() + handle.slice(1)
}
