import { activeTraceparent, contextFromTraceparent, endHop, type Hop, type Hops, leadWithTrace, TAG } from '@wired/wire'
import type { ClientMessage } from './connection'

export type { Hops }

/**
 * A frame from the page as a hop. WebSocket has no headers per message, so a page that wants
 * its action traced puts its traceparent in the frame's `trace` field; the field belongs to the
 * transport and is taken off before the app's handler sees the frame.
 */
export function frameHop(message: ClientMessage, bytes: number): Hop {
  const trace = message.trace
  if (trace !== undefined) delete message.trace
  const type = typeof message.type === 'string' ? message.type : 'frame'
  return {
    kind: 'server',
    protocol: 'ws',
    name: type,
    peer: 'browser',
    bytes,
    parent: trace === undefined ? undefined : contextFromTraceparent(trace),
    payload: () => message,
    attributes: { [TAG.wsFrameType]: type },
  }
}

const FRAME_TYPE = /^\{[^{]*?"type":"([^"]{1,40})"/

/**
 * How many recipients of one fan-out become hops of its trace. A chat line to 2,500 sockets
 * would otherwise be 2,500 spans and 2,500 differently-encoded frames, and a sampled message
 * then took several times longer to reach its viewers than an unsampled one: the p99 of the whole
 * fan-out was the wire view's (Twitch chat bench: 241 ms with it, 130 ms without). The panel
 * shows the first few deliveries; the rest get the frame as it was encoded, without `trace`.
 */
export const MAX_TRACED_RECIPIENTS = 8

/** The fan-out in progress: the same frame sent to many sockets in one synchronous loop. */
let fanOut: { frame: string; traced: number } | undefined

/**
 * A frame to the page as a hop, when it is sent inside a recorded trace: the frame then leads
 * with `"trace":"<traceparent>"`, so the page can follow the trace of what it was sent. The frame
 * was encoded once for every recipient; adding the field is one string concatenation.
 */
export function tracedFrame(hops: Hops, frame: string | Buffer, connectionId: string): string | Buffer {
  if (typeof frame !== 'string' || !frame.startsWith('{"')) return frame
  if (fanOut?.frame === frame && fanOut.traced >= MAX_TRACED_RECIPIENTS) return frame
  const type = FRAME_TYPE.exec(frame)?.[1] ?? 'frame'
  const span = hops.start({
    kind: 'producer',
    protocol: 'ws',
    name: type,
    peer: 'browser',
    bytes: Buffer.byteLength(frame),
    payload: () => frame,
    attributes: { [TAG.wsFrameType]: type, [TAG.wsRecipient]: connectionId },
    onlyInTrace: true,
  })
  if (!span) return frame
  if (fanOut?.frame !== frame) {
    // A fan-out is one synchronous loop over the sockets: it is over by the next microtask.
    fanOut = { frame, traced: 0 }
    queueMicrotask(() => {
      fanOut = undefined
    })
  }
  fanOut.traced += 1
  const traceparent = hops.within(span, undefined, activeTraceparent)
  endHop(span)
  return leadWithTrace(frame, traceparent)
}

/**
 * A binary frame to the page as a hop, when it is sent inside a recorded trace. Unlike a JSON
 * frame it goes out unchanged (an encoded protobuf has no field the transport could add), so
 * the page sees the hop in the wire panel but cannot continue the trace from the frame.
 */
export function binaryFrameHop(hops: Hops, frame: Uint8Array, type: string, connectionId: string): void {
  const span = hops.start({
    kind: 'producer',
    protocol: 'ws',
    name: type,
    peer: 'browser',
    bytes: frame.byteLength,
    payload: () => `(${frame.byteLength} bytes, binary)`,
    attributes: { [TAG.wsFrameType]: type, [TAG.wsRecipient]: connectionId },
    onlyInTrace: true,
  })
  if (span) endHop(span)
}
