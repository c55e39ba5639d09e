/**
 * The browser's one connection to the game server: a WebSocket carrying both message sets of the
 * wire contract. Text frames are the reliable events (the TCP frames' JSON without the length
 * prefix: TCP and WebSocket both keep order, so the same `seq` check works); binary frames are the
 * UDP datagrams, byte for byte. A browser cannot open UDP, so here a "lost datagram" can only
 * happen in the loss proxy, which drops binary frames as it drops datagrams.
 */
import { decodeSnapshot } from './datagrams.js'

const encoder = new TextEncoder()

/**
 * @param {string} url the match's `ws` (or `netem.ws`) URL
 * @param {{ ticket: string, joinTrace?: string, onEvent(event: object): void,
 *   onSnapshot(snapshot: object): void, onGap(expected: number, got: number): void,
 *   onClose(code: number, reason: string): void }} handlers
 */
export function openGameSocket(url, handlers) {
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  const counters = { bytesIn: 0, bytesOut: 0, snapshots: 0, dropped: 0, snapshotBytes: 0, inputBytes: 0 }
  let expectedSeq = 1
  let lastSnapshotSeq = 0
  let session

  const sendText = (message) => {
    if (socket.readyState !== WebSocket.OPEN) return
    const text = JSON.stringify(message)
    counters.bytesOut += encoder.encode(text).byteLength
    socket.send(text)
  }

  socket.addEventListener('open', () => {
    // The first text frame is `join`; its `trace` lets the wire panel follow it into the server.
    sendText({ type: 'join', ticket: handlers.ticket, ...(handlers.joinTrace ? { trace: handlers.joinTrace } : {}) })
  })
  socket.addEventListener('message', ({ data }) => {
    if (typeof data === 'string') {
      counters.bytesIn += encoder.encode(data).byteLength
      const event = JSON.parse(data)
      // Events are numbered 1, 2, 3, … per connection: a gap would mean a lost reliable event.
      if (typeof event.seq === 'number') {
        if (event.seq !== expectedSeq) handlers.onGap(expectedSeq, event.seq)
        expectedSeq = event.seq + 1
      }
      if (event.type === 'welcome') session = { connectionId: event.connectionId, sessionToken: event.sessionToken }
      handlers.onEvent(event)
      return
    }
    counters.bytesIn += data.byteLength
    const snapshot = decodeSnapshot(data)
    // Malformed, not for this session, or not newer than the last one: dropped, as the server drops inputs.
    if (
      !snapshot ||
      !session ||
      snapshot.connectionId !== session.connectionId ||
      snapshot.sessionToken !== session.sessionToken ||
      snapshot.seq <= lastSnapshotSeq
    ) {
      counters.dropped++
      return
    }
    lastSnapshotSeq = snapshot.seq
    counters.snapshots++
    counters.snapshotBytes = data.byteLength
    handlers.onSnapshot(snapshot)
  })
  socket.addEventListener('close', ({ code, reason }) => handlers.onClose(code, reason))

  return {
    counters,
    sendText,
    /** @param {Uint8Array} bytes a datagram */
    sendDatagram(bytes) {
      if (socket.readyState !== WebSocket.OPEN) return
      counters.bytesOut += bytes.byteLength
      counters.inputBytes = bytes.byteLength
      socket.send(bytes)
    },
    close() {
      socket.close(1000, 'switching network')
    },
  }
}
