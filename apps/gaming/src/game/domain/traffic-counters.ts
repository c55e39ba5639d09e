import type { DatagramFault } from '../../shared/protocol'
import type { SessionDrop } from './datagram-check'

export type DropReason = DatagramFault | SessionDrop | 'unknown-connection' | 'wrong-direction'

/** Datagrams and bytes each way, per transport, and every dropped datagram by reason (GET /metrics). */
export class TrafficCounters {
  readonly udp = { datagramsIn: 0, datagramsOut: 0, bytesIn: 0, bytesOut: 0 }
  /** The same datagrams when they travel as WebSocket binary frames. */
  readonly ws = { datagramsIn: 0, datagramsOut: 0, bytesIn: 0, bytesOut: 0 }
  readonly drops: Partial<Record<DropReason, number>> = {}
  readonly tcp = { errorFrames: 0, droppedSlowClients: 0 }

  drop(reason: DropReason): void {
    this.drops[reason] = (this.drops[reason] ?? 0) + 1
  }
}
