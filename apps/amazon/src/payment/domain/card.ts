/**
 * The simulated card network. Cards are tokens (a real shop never sees a card number):
 * `tok_ok` pays, `tok_decline` is refused, `tok_timeout` never answers within the caller's
 * deadline. Any other token pays unless the random decline rate says otherwise.
 */
export type CardOutcome = 'paid' | 'declined' | 'hang'

export function cardOutcome(token: string, declineRate: number, random = Math.random): CardOutcome {
  if (token === 'tok_decline') return 'declined'
  if (token === 'tok_timeout') return 'hang'
  if (token === 'tok_ok') return 'paid'
  return random() < declineRate ? 'declined' : 'paid'
}
