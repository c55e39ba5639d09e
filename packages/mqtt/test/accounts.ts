import type { TopicRule } from '../src'

/**
 * The device accounts and topic rules of the broker contract. The aedes setup uses them
 * directly; the Mosquitto setup mirrors them in mosquitto/acl and a generated password file.
 */
export const ACCOUNTS = {
  'driver-1': 'secret-1',
  'driver-2': 'secret-2',
  dispatch: 'secret-d',
  monitor: 'secret-m',
} as const

export type Account = keyof typeof ACCOUNTS

export const CONTRACT_RULES: TopicRule[] = [
  { allow: 'subscribe', topic: '#' }, // pattern read #
  { allow: 'publish', topic: 'drivers/{clientId}/#' }, // pattern write drivers/%c/#
  { allow: 'publish', topic: 'home/#' }, // pattern write home/#
]

/**
 * The ACL keys on the client id, which the client chooses; so the password must be bound to
 * it, or driver-2 could log in with its own password under the id `driver-1`. Here the id must
 * equal the username; Mosquitto gets the same effect with `use_username_as_clientid true`.
 */
export function authenticateAccount(clientId: string, username: string | undefined, password: string | undefined) {
  const expected = ACCOUNTS[username as Account]
  return username === clientId && expected !== undefined && password === expected
}
