import type { DatagramHeader } from '../../shared/protocol'

/** What the server remembers of a session to judge its datagrams. */
export interface DatagramSession {
  sessionToken: number
  /** `address:port` the first hello came from; datagrams from anywhere else are spoofed. */
  boundAddress: string | undefined
  lastSeq: number
}

export type SessionDrop = 'bad-token' | 'spoofed-address' | 'replayed-seq' | 'not-bound'

/**
 * The UDP session rules, in the order a cheap check should come first. UDP has no connection:
 * anyone can put any source address and connectionId on a datagram, so the token (random per
 * session, sent only over the TCP/WS connection) and the bound address together decide whose it is.
 */
export function checkDatagram(
  session: DatagramSession,
  header: Pick<DatagramHeader, 'type' | 'sessionToken' | 'seq'>,
  from: string,
): SessionDrop | 'ok' {
  if (header.sessionToken !== session.sessionToken) return 'bad-token'
  if (session.boundAddress === undefined) {
    if (header.type !== 'hello') return 'not-bound'
  } else if (session.boundAddress !== from) return 'spoofed-address'
  if (header.seq <= session.lastSeq) return 'replayed-seq'
  return 'ok'
}
