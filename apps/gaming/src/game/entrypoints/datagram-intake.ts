import type { Datagram } from '../../shared/protocol'
import { checkDatagram } from '../domain/datagram-check'
import type { TrafficCounters } from '../domain/traffic-counters'
import type { Arena } from '../use-cases/arena'
import type { Session } from '../use-cases/sessions'

/**
 * The checks every client datagram passes, whether it came over UDP or as a WebSocket binary
 * frame (`from` is then the socket's own id, bound at join). Returns what was accepted, or
 * undefined for a drop (counted by reason).
 */
export function acceptDatagram(
  arena: Arena,
  counters: TrafficCounters,
  session: Session,
  datagram: Datagram,
  from: string,
): 'hello' | 'input' | undefined {
  if (datagram.type === 'snapshot') {
    counters.drop('wrong-direction')
    return undefined
  }
  const verdict = checkDatagram(session, datagram, from)
  if (verdict !== 'ok') {
    counters.drop(verdict)
    return undefined
  }
  session.lastSeq = datagram.seq
  if (datagram.type === 'hello') {
    // Only the first hello binds; later ones (sent until the first snapshot arrives) change nothing.
    if (session.boundAddress !== undefined) return undefined
    session.boundAddress = from
    return 'hello'
  }
  arena.receiveInputs(session, datagram.inputs)
  return 'input'
}
