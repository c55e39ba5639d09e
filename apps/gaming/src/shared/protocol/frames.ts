/**
 * TCP framing: each frame is a u32 big-endian length (1–4096) and that many bytes of UTF-8 JSON.
 * TCP is a byte stream, not a message stream: one `data` chunk may hold half a frame, or three
 * frames and the start of a fourth. The decoder keeps the leftover bytes between chunks.
 */
export const MAX_FRAME_BYTES = 4096
const PREFIX_BYTES = 4

export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8')
  if (body.length < 1 || body.length > MAX_FRAME_BYTES) throw new RangeError(`frame body of ${body.length} bytes`)
  const frame = Buffer.allocUnsafe(PREFIX_BYTES + body.length)
  frame.writeUInt32BE(body.length, 0)
  body.copy(frame, PREFIX_BYTES)
  return frame
}

export class FrameError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FrameError'
  }
}

/**
 * Feed it chunks as they arrive; it returns the complete frame bodies (as text) in order.
 * Throws FrameError on a length of 0 or over 4096: the stream cannot be resynchronised after a
 * bad prefix (where would the next frame start?), so the caller answers with an error and closes.
 */
export function frameDecoder() {
  let pending: Buffer = Buffer.alloc(0)
  return {
    push(chunk: Buffer): string[] {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      const bodies: string[] = []
      while (pending.length >= PREFIX_BYTES) {
        const length = pending.readUInt32BE(0)
        if (length < 1 || length > MAX_FRAME_BYTES) {
          throw new FrameError(`frame length ${length} is outside 1–${MAX_FRAME_BYTES}`)
        }
        if (pending.length < PREFIX_BYTES + length) break
        bodies.push(pending.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + length))
        pending = pending.subarray(PREFIX_BYTES + length)
      }
      return bodies
    },
    /** Bytes waiting for the rest of their frame. */
    get buffered() {
      return pending.length
    },
  }
}
