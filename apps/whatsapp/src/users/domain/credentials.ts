import { AppError } from '@wired/runtime'
import { PASSWORD_LENGTH } from '../../shared/rest'

/** Long enough to resist guessing at the api's rate limit, short enough to bound scrypt's work. */
export function checkPassword(password: string): string {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max)
    throw new AppError(
      'INVALID_ARGUMENT',
      `password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`,
      { field: 'password' },
    )
  return password
}

/**
 * One answer for a wrong password and for an account without one, so the reply never tells a
 * guesser which handles exist with which kind of account.
 */
export const WRONG_CREDENTIALS = () => new AppError('UNAUTHENTICATED', 'wrong handle or password')

/** When a session ends, counted from its start: renewing starts a new one. */
export function sessionExpiry(now: number, ttlSeconds: number): number {
  return now + ttlSeconds * 1_000
}
