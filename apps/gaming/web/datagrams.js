/**
 * The UDP datagrams of the README's wire contract, as bytes a browser sends and reads over the
 * WebSocket's binary frames (the same bytes a bot sends over UDP). Big-endian throughout: that is
 * DataView's default, so every set/get below leaves `littleEndian` off on purpose.
 *
 *   header (14 bytes): u8 version · u8 type · u32 connectionId · u32 sessionToken · u32 seq
 *   input:    header · u8 count (1–8) · count × (u32 inputSeq · i8 moveX · i8 moveY)
 *   snapshot: header · u32 tick · u32 ackInputSeq · u16 slot · f32 x · f32 y · u16 score
 *             · u8 playerCount · n × (u16 slot · f32 x · f32 y)
 *             · u8 pickupCount · n × (u16 pickupId · f32 x · f32 y)
 */
export const VERSION = 1
export const TYPE = { hello: 1, input: 2, snapshot: 3 }
export const HEADER_BYTES = 14
export const INPUT_BYTES = 6
/** Inputs per datagram: each input rides in up to 8 datagrams, so a lost one costs nothing. */
export const MAX_INPUTS = 8
const SNAPSHOT_FIXED_BYTES = HEADER_BYTES + 4 + 4 + 2 + 4 + 4 + 2 + 1 + 1
const ENTITY_BYTES = 10

/**
 * @typedef {{ connectionId: number, sessionToken: number }} Session  from the `welcome` event
 * @typedef {{ seq: number, moveX: number, moveY: number }} Input
 */

function writeHeader(view, type, session, seq) {
  view.setUint8(0, VERSION)
  view.setUint8(1, type)
  view.setUint32(2, session.connectionId)
  view.setUint32(6, session.sessionToken)
  view.setUint32(10, seq)
}

/** `hello` binds the session to this sender; the client repeats it until the first snapshot. */
export function encodeHello(session, seq) {
  const bytes = new Uint8Array(HEADER_BYTES)
  writeHeader(new DataView(bytes.buffer), TYPE.hello, session, seq)
  return bytes
}

/** An input datagram carrying `inputs` (oldest first, 1–8 of them). */
export function encodeInput(session, seq, inputs) {
  if (inputs.length < 1 || inputs.length > MAX_INPUTS) throw new RangeError(`1–${MAX_INPUTS} inputs per datagram`)
  const bytes = new Uint8Array(HEADER_BYTES + 1 + inputs.length * INPUT_BYTES)
  const view = new DataView(bytes.buffer)
  writeHeader(view, TYPE.input, session, seq)
  view.setUint8(HEADER_BYTES, inputs.length)
  inputs.forEach((input, index) => {
    const at = HEADER_BYTES + 1 + index * INPUT_BYTES
    view.setUint32(at, input.seq)
    view.setInt8(at + 4, clampAxis(input.moveX))
    view.setInt8(at + 5, clampAxis(input.moveY))
  })
  return bytes
}

const clampAxis = (value) => Math.max(-127, Math.min(127, Math.round(value)))

/** The 14-byte header of any datagram, or undefined when it is too short or another version. */
export function decodeHeader(view) {
  if (view.byteLength < HEADER_BYTES || view.getUint8(0) !== VERSION) return undefined
  return {
    type: view.getUint8(1),
    connectionId: view.getUint32(2),
    sessionToken: view.getUint32(6),
    seq: view.getUint32(10),
  }
}

function readEntities(view, at, idName) {
  const count = view.getUint8(at)
  const list = []
  let offset = at + 1
  if (view.byteLength < offset + count * ENTITY_BYTES) return undefined
  for (let index = 0; index < count; index++, offset += ENTITY_BYTES) {
    list.push({ [idName]: view.getUint16(offset), x: view.getFloat32(offset + 2), y: view.getFloat32(offset + 6) })
  }
  return { list, next: offset }
}

/**
 * A snapshot from its bytes (an ArrayBuffer or a typed array), or undefined when the bytes are not
 * a whole, well-formed snapshot: a client drops those exactly as the server drops bad inputs.
 */
export function decodeSnapshot(data) {
  const view = ArrayBuffer.isView(data)
    ? new DataView(data.buffer, data.byteOffset, data.byteLength)
    : new DataView(data)
  const header = decodeHeader(view)
  if (!header || header.type !== TYPE.snapshot || view.byteLength < SNAPSHOT_FIXED_BYTES) return undefined
  const players = readEntities(view, HEADER_BYTES + 20, 'slot')
  if (!players || view.byteLength < players.next + 1) return undefined
  const pickups = readEntities(view, players.next, 'pickupId')
  if (!pickups || pickups.next !== view.byteLength) return undefined
  return {
    ...header,
    tick: view.getUint32(14),
    ackInputSeq: view.getUint32(18),
    slot: view.getUint16(22),
    x: view.getFloat32(24),
    y: view.getFloat32(28),
    score: view.getUint16(32),
    players: players.list,
    pickups: pickups.list,
  }
}
