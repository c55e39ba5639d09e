import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>

/**
 * Passwords are stored as scrypt hashes (`scrypt$<salt>$<hash>`, base64url), never as text.
 * scrypt is slow and memory-hard on purpose: a leaked table costs an attacker tens of
 * milliseconds per guess per account, not nanoseconds. The random salt makes equal passwords
 * hash differently, so one cracked password does not reveal who else uses it.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scryptAsync(password, salt, 32)
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

/** Constant-time comparison, so the time to say "no" does not tell how close a guess was. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length)
  return timingSafeEqual(actual, expected)
}
