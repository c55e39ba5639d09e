import { AppError, type Logger } from '@wired/runtime'
import type { MatchTickets } from '../../shared/match-ticket'
import { TICK_HZ } from '../../shared/movement'
import { encodeSnapshot, type InputCommand, type ServerEventBody } from '../../shared/protocol'
import type { MatchEventsPublisher } from '../adapters/match-events.publisher'
import { Match } from '../domain/match'
import { type EventChannel, type Session, SessionTable } from './sessions'

export interface ArenaDeps {
  tickets: MatchTickets
  publisher: MatchEventsPublisher
  capacity: number
  logger: Logger
  now?: () => number
}

/**
 * Every match this server runs, and the players' sessions: the use cases the gateways call
 * (join, chat, inputs, leave) and the tick that moves the world and tells everyone.
 */
export class Arena {
  readonly matches = new Map<string, Match>()
  readonly sessions = new SessionTable()
  private readonly finished = new Set<string>()
  private readonly now: () => number

  constructor(private readonly deps: ArenaDeps) {
    this.now = deps.now ?? Date.now
  }

  /** Verifies the ticket, seats the player (opening the match on its first join) and welcomes them. */
  join(ticket: string, events: EventChannel): Session {
    const claims = this.deps.tickets.verify(ticket, this.now())
    if (this.finished.has(claims.matchId) || claims.endsAt <= this.now()) {
      throw new AppError('FAILED_PRECONDITION', 'match is over')
    }
    let match = this.matches.get(claims.matchId)
    if (!match) {
      match = new Match(claims.matchId, claims.endsAt, this.now(), this.deps.capacity)
      this.matches.set(claims.matchId, match)
    }
    // A player who joins again (a new tab, a reconnect) takes over their slot: the old connection goes.
    for (const old of this.sessions.inMatch(match.matchId)) {
      if (old.playerId === claims.playerId) this.disconnect(old, 'replaced')
    }
    const player = match.join(claims.playerId, claims.name)
    const session = this.sessions.open({
      matchId: match.matchId,
      slot: player.slot,
      playerId: player.playerId,
      name: player.name,
      events,
    })
    events.send({
      type: 'welcome',
      playerId: player.playerId,
      slot: player.slot,
      connectionId: session.connectionId,
      sessionToken: session.sessionToken,
      matchId: match.matchId,
      tick: match.tick,
      tickRate: TICK_HZ,
      arena: { width: 1000, height: 1000 },
      endsAt: match.endsAt,
      players: [...match.players.values()]
        .filter((other) => other.connected)
        .map(({ slot, playerId, name, score }) => ({ slot, playerId, name, score })),
    })
    this.broadcast(
      match.matchId,
      { type: 'joined', slot: player.slot, playerId: player.playerId, name: player.name },
      session,
    )
    this.publish(this.deps.publisher.playerJoined(match.matchId, player.playerId, player.name, this.now()))
    return session
  }

  chat(session: Session, text: string): void {
    const player = this.matches.get(session.matchId)?.players.get(session.slot)
    if (!player) return
    if (!player.chat.allow(this.now())) throw new AppError('RATE_LIMITED', 'at most 5 chat lines per 5 s')
    this.broadcast(session.matchId, { type: 'chat', slot: player.slot, name: player.name, text })
  }

  receiveInputs(session: Session, inputs: readonly InputCommand[]): void {
    this.matches.get(session.matchId)?.receiveInputs(session.slot, inputs)
  }

  /** The player leaves (or their connection dropped): the others are told, the slot stays in the results. */
  disconnect(session: Session, why: 'left' | 'connection-lost' | 'replaced'): void {
    if (session.closed) return
    this.sessions.close(session)
    session.events.close()
    const match = this.matches.get(session.matchId)
    // Replaced: the new connection has the slot already; nobody left.
    if (!match || why === 'replaced') return
    match.leave(session.slot)
    this.broadcast(match.matchId, { type: 'left', slot: session.slot, playerId: session.playerId })
  }

  /** One tick of every match: step, send events, send each player their snapshot; end matches that are due. */
  tick(): void {
    const now = this.now()
    for (const match of this.matches.values()) {
      if (match.endsAt <= now) {
        this.end(match)
        continue
      }
      const outcome = match.step()
      for (const event of outcome.events) this.broadcast(match.matchId, event)
      if (outcome.collected.length > 0) {
        this.publish(this.deps.publisher.pickupsCollected(match.matchId, outcome.collected))
      }
      for (const session of this.sessions.inMatch(match.matchId)) {
        const player = match.players.get(session.slot)
        if (!session.sendDatagram || !player) continue
        session.datagramSeq += 1
        const header = {
          connectionId: session.connectionId,
          sessionToken: session.sessionToken,
          seq: session.datagramSeq,
        }
        session.sendDatagram(encodeSnapshot(header, match.snapshotFor(player)))
      }
    }
  }

  /**
   * MatchEnded is on Kafka (acks=all) before anyone is told the result: a player who saw
   * match-result can trust the stats will count it. Until then the match stops ticking.
   */
  private end(match: Match): void {
    this.matches.delete(match.matchId)
    this.finished.add(match.matchId)
    const results = match.results()
    const ended = this.now()
    const record = results.map(({ playerId, name, points, rank }) => ({ playerId, name, points, rank }))
    const tellEveryone = () => {
      for (const session of this.sessions.inMatch(match.matchId)) {
        session.events.send({ type: 'match-result', matchId: match.matchId, results })
        this.sessions.close(session)
        session.events.close()
      }
    }
    void publishWithRetry(
      () => this.deps.publisher.matchEnded(match.matchId, match.startedAt, ended, record),
      this.deps.logger,
    ).then(tellEveryone)
  }

  private broadcast(matchId: string, event: ServerEventBody, except?: Session): void {
    for (const session of this.sessions.inMatch(matchId)) if (session !== except) session.events.send(event)
  }

  private publish(done: Promise<void>): void {
    done.catch((error: unknown) => this.deps.logger.error({ err: error }, 'match event not published'))
  }
}

async function publishWithRetry(publish: () => Promise<void>, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await publish()
    } catch (error) {
      logger.error({ err: error, attempt }, 'MatchEnded not published yet; retrying')
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 * attempt)))
    }
  }
}
