import { randomInt } from 'node:crypto'
import type { ServerEventBody } from '../../shared/protocol'
import type { DatagramSession } from '../domain/datagram-check'

/** How a gateway delivers reliable events to one client; it stamps the per-connection seq. */
export interface EventChannel {
  send(event: ServerEventBody): void
  /** Sends nothing more and closes the connection (after what was queued). */
  close(): void
}

/** One player's connection to one match: the reliable channel, and where its datagrams go. */
export interface Session extends DatagramSession {
  connectionId: number
  matchId: string
  slot: number
  playerId: string
  name: string
  events: EventChannel
  /** Set by the UDP hello (to the bound address) or at a WebSocket join (binary frames). */
  sendDatagram: ((bytes: Buffer) => void) | undefined
  /** The server's datagram counter for this session (the header's seq). */
  datagramSeq: number
  closed: boolean
}

/** Sessions by connectionId, the key every datagram carries. */
export class SessionTable {
  private readonly byConnection = new Map<number, Session>()
  /** Kept beside byConnection so a tick does not scan every session of every match. */
  private readonly byMatch = new Map<string, Set<Session>>()

  open(fields: Pick<Session, 'matchId' | 'slot' | 'playerId' | 'name' | 'events'>): Session {
    let connectionId = randomInt(1, 0xffff_ffff)
    while (this.byConnection.has(connectionId)) connectionId = randomInt(1, 0xffff_ffff)
    const session: Session = {
      ...fields,
      connectionId,
      // Random per session: a datagram is only accepted if its sender learnt this over TCP/WS.
      sessionToken: randomInt(1, 0xffff_ffff),
      boundAddress: undefined,
      lastSeq: 0,
      sendDatagram: undefined,
      datagramSeq: 0,
      closed: false,
    }
    this.byConnection.set(connectionId, session)
    const inMatch = this.byMatch.get(session.matchId) ?? new Set<Session>()
    this.byMatch.set(session.matchId, inMatch)
    inMatch.add(session)
    return session
  }

  get(connectionId: number): Session | undefined {
    return this.byConnection.get(connectionId)
  }

  close(session: Session): void {
    session.closed = true
    this.byConnection.delete(session.connectionId)
    const inMatch = this.byMatch.get(session.matchId)
    inMatch?.delete(session)
    if (inMatch?.size === 0) this.byMatch.delete(session.matchId)
  }

  /** The match's open sessions (a copy: closing one while iterating is safe). */
  inMatch(matchId: string): Session[] {
    const inMatch = this.byMatch.get(matchId)
    return inMatch ? [...inMatch] : []
  }

  get size(): number {
    return this.byConnection.size
  }
}
