import type { Duplex } from 'node:stream'

/**
 * Mosquitto's `max_packet_size` for aedes, which has no such option: every MQTT control packet
 * starts with a type byte and its "remaining length" (1 to 4 bytes, 7 bits each), so the size of
 * a packet is known from its first bytes. A connection that announces a packet over the limit is
 * closed there, before the broker buffers it (a 1 MiB PUBLISH is refused at its fifth byte), as
 * Mosquitto does. The limit counts the whole packet (header, topic, packet id, payload).
 *
 * aedes reads each connection with `read()`, which emits 'data' for every chunk it returns, so a
 * 'data' listener sees the bytes in order without changing how aedes consumes them.
 */
export function limitPacketSize(stream: Duplex, maxBytes: number, onOversize: (bytes: number) => void): void {
  const sizes = packetSizes()
  const check = (chunk: Buffer) => {
    const oversized = sizes.push(chunk).find((size) => size > maxBytes)
    if (oversized === undefined) return
    stream.off('data', check)
    onOversize(oversized)
    stream.destroy()
  }
  stream.on('data', check)
}

/**
 * Follows the packet boundaries of an MQTT byte stream: push() takes the next chunk and returns
 * the full size of each packet whose header ended in it. Malformed lengths (a fifth length byte)
 * count as infinitely large.
 */
export function packetSizes() {
  let state: 'type' | 'length' | 'body' = 'type'
  let length = 0
  let lengthBytes = 0
  let bodyLeft = 0
  return {
    push(chunk: Buffer): number[] {
      const sizes: number[] = []
      for (let at = 0; at < chunk.length; ) {
        if (state === 'type') {
          at++
          state = 'length'
          length = 0
          lengthBytes = 0
        } else if (state === 'length') {
          const byte = chunk[at++]!
          length += (byte & 0x7f) * 128 ** lengthBytes++
          if (byte & 0x80 && lengthBytes === 4) {
            sizes.push(Number.POSITIVE_INFINITY)
            return sizes
          }
          if (byte & 0x80) continue
          sizes.push(1 + lengthBytes + length)
          bodyLeft = length
          state = bodyLeft > 0 ? 'body' : 'type'
        } else {
          const skip = Math.min(bodyLeft, chunk.length - at)
          at += skip
          bodyLeft -= skip
          if (bodyLeft === 0) state = 'type'
        }
      }
      return sizes
    },
  }
}
