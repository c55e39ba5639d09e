import { AppError } from '@wired/runtime'

export const PASSWORD_LENGTH = { min: 8, max: 128 }

/** Handles are lower-case letters, digits and underscores, 3-20 long: they appear in URLs. */
export function normalizeHandle(handle: string): string {
  const normalized = handle.trim().replace(/^@/, '').toLowerCase()
  if (!/^[a-z0-9_]{3,20}$/.test(normalized))
    throw new AppError('INVALID_ARGUMENT', 'a handle is 3-20 letters, digits or underscores', { field: 'handle' })
  return normalized
}

export function checkPassword(password: string): string {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max)
    throw new AppError('INVALID_ARGUMENT', `a password is ${PASSWORD_LENGTH.min}-${PASSWORD_LENGTH.max} characters`, {
      field: 'password',
    })
  return password
}

export function displayNameFor(handle: string, displayName: string): string {
  const name = displayName.trim()
  if ([...name].length > 50) throw new AppError('INVALID_ARGUMENT', 'a display name is at most 50 characters')
  return name === '' ? handle : name
}

export const WRONG_CREDENTIALS = () => new AppError('UNAUTHENTICATED', 'wrong handle or password')
