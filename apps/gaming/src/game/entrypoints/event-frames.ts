import { AppError } from '@wired/runtime'
import { activeTraceparent, contextFromTraceparent, endHop, type Hops } from '@wired/wire'
import { type ErrorCode, parseCommand, type ServerEvent, type ServerEventBody } from '../../shared/protocol'
import type { Arena } from '../use-cases/arena'
import type { EventChannel, Session } from '../use-cases/sessions'

const KNOWN_CODES = new Set<string>(['INVALID_ARGUMENT', 'UNAUTHENTICATED', 'RATE_LIMITED', 'FAILED_PRECONDITION'])

/** A reliable-event connection as TCP and WebSocket both see it. */
export interface EventConnection {
  readonly protocol: 'tcp' | 'ws'
  session: Session | undefined
  channel: EventChannel
  /** Ends the connection after what was already queued (the error frame goes out first). */
  close(): void
  /** When a join succeeded (the WebSocket binds its datagram path here). */
  onJoined?(session: Session): void
}

/**
 * One client frame body, the same for TCP and WebSocket: parse → check the connection's state →
 * call the use case → answer an AppError with an error frame. A frame outside the protocol, or
 * anything before a successful join, also closes the connection.
 */
export function handleFrameBody(arena: Arena, hops: Hops, connection: EventConnection, body: string): void {
  const parsed = parseCommand(body)
  if (!parsed.ok) {
    connection.channel.send({ type: 'error', code: parsed.code, message: parsed.message })
    if (parsed.fatal) connection.close()
    return
  }
  const command = parsed.command
  const hop = {
    kind: 'server' as const,
    protocol: connection.protocol,
    name: command.type,
    peer: connection.protocol === 'ws' ? 'browser' : 'game client',
    bytes: Buffer.byteLength(body),
    parent: parsed.trace === undefined ? undefined : contextFromTraceparent(parsed.trace),
    payload: () => (command.type === 'join' ? { type: 'join', ticket: '(redacted)' } : command),
    onlyInTrace: parsed.trace === undefined,
  }
  hops.around(hop, () => {
    try {
      if (!connection.session) {
        if (command.type !== 'join') throw new AppError('UNAUTHENTICATED', 'the first frame must be join')
        connection.session = arena.join(command.ticket, connection.channel)
        connection.onJoined?.(connection.session)
        return
      }
      if (command.type === 'join') throw new AppError('FAILED_PRECONDITION', 'already joined')
      if (command.type === 'chat') return arena.chat(connection.session, command.text)
      arena.disconnect(connection.session, 'left')
    } catch (error) {
      const known = error instanceof AppError && KNOWN_CODES.has(error.code)
      const code = (known ? error.code : 'INTERNAL') as ErrorCode
      connection.channel.send({ type: 'error', code, message: known ? error.message : 'internal error' })
      if (!connection.session) connection.close()
    }
  })
}

/**
 * Stamps the per-connection seq (1, 2, 3, …: the client checks order and completeness with it)
 * and, when the event is sent inside a recorded trace, a `trace` field and a hop in the wire view.
 */
export function eventSerializer(hops: Hops, protocol: 'tcp' | 'ws', recipient: () => string) {
  let seq = 0
  return (body: ServerEventBody): ServerEvent => {
    seq += 1
    const event: ServerEvent = { ...body, seq }
    const span = hops.start({
      kind: 'producer',
      protocol,
      name: body.type,
      peer: protocol === 'ws' ? 'browser' : 'game client',
      payload: () => event,
      attributes: { 'wire.recipient': recipient() },
      onlyInTrace: true,
    })
    if (span) {
      event.trace = hops.within(span, undefined, activeTraceparent)
      endHop(span)
    }
    return event
  }
}
