import type { ErrorCode } from '@wired/runtime'
import type { ClientMessage } from './connection'

/** An error frame's fields, as the JSON error frame carries them. */
export interface ErrorFrameFields {
  code: ErrorCode
  message: string
  ref?: string | number
  details?: object
}

/**
 * How a subprotocol with binary frames reads and answers them (WsGatewayOptions.binaryCodecs):
 * `decode` turns a binary frame into the same object a JSON text frame would parse to (a
 * `trace` field in it is taken as the frame's trace context), or returns the reason it is not
 * one; `encodeError` writes an error frame in the subprotocol's own encoding, so a client that
 * speaks only binary still reads why its frame was refused.
 */
export interface BinaryCodec {
  decode(data: Buffer): ClientMessage | string
  encodeError(error: ErrorFrameFields): Uint8Array
}

/** A codec that throws is treated like one that refuses: the frame is bad input, not a crash. */
export function decodeWith(codec: BinaryCodec, data: Buffer): ClientMessage | string {
  try {
    return codec.decode(data)
  } catch {
    return 'binary frame could not be decoded'
  }
}
