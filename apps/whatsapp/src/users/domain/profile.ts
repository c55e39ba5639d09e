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

export function checkDisplayName(name: string): string {
  const trimmed = name.trim()
  if (trimmed.length < 1 || trimmed.length > 64)
    throw new AppError('INVALID_ARGUMENT', 'display name must be 1 to 64 characters', { field: 'displayName' })
  return trimmed
}

export function checkAbout(about: string): string {
  if (about.length > 140)
    throw new AppError('INVALID_ARGUMENT', 'about must be at most 140 characters', { field: 'about' })
  return about
}

/** A new user's display name when none is given: the handle, capitalised ("alice" → "Alice"). */
export function defaultDisplayName(handle: string): string {
  return handle.charAt(0).toUpperCase() + handle.slice(1)
}
