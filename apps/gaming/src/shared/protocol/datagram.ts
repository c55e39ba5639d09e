/**
 * The UDP datagrams of the README's wire contract, as bytes: a 14-byte header on every datagram,
 * then a type-specific body. Decoding is strict: a datagram whose length does not match exactly
 * what its header and counts promise is refused, so the server never reads past what it was sent.
 * The same bytes travel as WebSocket binary frames for browsers.
 */
export const PROTOCOL_VERSION = 1
export const HEADER_BYTES = 14
export const MAX_DATAGRAM_BYTES = 512
export const MAX_INPUTS_PER_DATAGRAM = 8
const INPUT_BYTES = 6
const OTHER_PLAYER_BYTES = 10
const PICKUP_BYTES = 10
const SNAPSHOT_FIXED_BYTES = 4 + 4 + 2 + 4 + 4 + 2 + 1 + 1

export const DatagramType = { hello: 1, input: 2, snapshot: 3 } as const
export type DatagramTypeName = keyof typeof DatagramType

export interface DatagramHeader {
  type: DatagramTypeName
  connectionId: number
  sessionToken: number
  seq: number
}

export interface InputCommand {
  inputSeq: number
  moveX: number
  moveY: number
}

export interface Snapshot {
  tick: number
  ackInputSeq: number
  slot: number
  x: number
  y: number
  score: number
  players: Array<{ slot: number; x: number; y: number }>
  pickups: Array<{ pickupId: number; x: number; y: number }>
}

export type Datagram =
  | (DatagramHeader & { type: 'hello' })
  | (DatagramHeader & { type: 'input'; inputs: InputCommand[] })
  | (DatagramHeader & { type: 'snapshot'; snapshot: Snapshot })

/** Why a datagram was refused; the server counts drops under these names at /metrics. */
export type DatagramFault = 'oversize' | 'truncated' | 'bad-version' | 'bad-type' | 'bad-length'

export type Decoded = { ok: true; datagram: Datagram } | { ok: false; fault: DatagramFault }

const TYPE_NAMES: Record<number, DatagramTypeName> = { 1: 'hello', 2: 'input', 3: 'snapshot' }

function writeHeader(buffer: Buffer, header: Omit<DatagramHeader, 'type'>, type: DatagramTypeName) {
  buffer.writeUInt8(PROTOCOL_VERSION, 0)
  buffer.writeUInt8(DatagramType[type], 1)
  buffer.writeUInt32BE(header.connectionId >>> 0, 2)
  buffer.writeUInt32BE(header.sessionToken >>> 0, 6)
  buffer.writeUInt32BE(header.seq >>> 0, 10)
}

export function encodeHello(header: Omit<DatagramHeader, 'type'>): Buffer {
  const buffer = Buffer.alloc(HEADER_BYTES)
  writeHeader(buffer, header, 'hello')
  return buffer
}

export function encodeInput(header: Omit<DatagramHeader, 'type'>, inputs: InputCommand[]): Buffer {
  if (inputs.length < 1 || inputs.length > MAX_INPUTS_PER_DATAGRAM) throw new RangeError('1–8 inputs per datagram')
  const buffer = Buffer.alloc(HEADER_BYTES + 1 + inputs.length * INPUT_BYTES)
  writeHeader(buffer, header, 'input')
  buffer.writeUInt8(inputs.length, HEADER_BYTES)
  inputs.forEach((input, i) => {
    const at = HEADER_BYTES + 1 + i * INPUT_BYTES
    buffer.writeUInt32BE(input.inputSeq >>> 0, at)
    buffer.writeInt8(clampI8(input.moveX), at + 4)
    buffer.writeInt8(clampI8(input.moveY), at + 5)
  })
  return buffer
}

/** The snapshot's size for a given neighbourhood: the figure the benchmark multiplies by 60/s. */
export const snapshotBytes = (players: number, pickups: number) =>
  HEADER_BYTES + SNAPSHOT_FIXED_BYTES + players * OTHER_PLAYER_BYTES + pickups * PICKUP_BYTES

/** Neighbours that fit in one 512-byte datagram beside `pickups` pickups (the rest are left out). */
export const maxPlayersInSnapshot = (pickups: number) =>
  Math.min(255, Math.floor((MAX_DATAGRAM_BYTES - snapshotBytes(0, pickups)) / OTHER_PLAYER_BYTES))

export function encodeSnapshot(header: Omit<DatagramHeader, 'type'>, snapshot: Snapshot): Buffer {
  const pickups = snapshot.pickups.slice(0, 16)
  const players = snapshot.players.slice(0, maxPlayersInSnapshot(pickups.length))
  const buffer = Buffer.alloc(snapshotBytes(players.length, pickups.length))
  writeHeader(buffer, header, 'snapshot')
  let at = HEADER_BYTES
  at = buffer.writeUInt32BE(snapshot.tick >>> 0, at)
  at = buffer.writeUInt32BE(snapshot.ackInputSeq >>> 0, at)
  at = buffer.writeUInt16BE(snapshot.slot, at)
  at = buffer.writeFloatBE(snapshot.x, at)
  at = buffer.writeFloatBE(snapshot.y, at)
  at = buffer.writeUInt16BE(Math.min(0xffff, snapshot.score), at)
  at = buffer.writeUInt8(players.length, at)
  for (const player of players) {
    at = buffer.writeUInt16BE(player.slot, at)
    at = buffer.writeFloatBE(player.x, at)
    at = buffer.writeFloatBE(player.y, at)
  }
  at = buffer.writeUInt8(pickups.length, at)
  for (const pickup of pickups) {
    at = buffer.writeUInt16BE(pickup.pickupId, at)
    at = buffer.writeFloatBE(pickup.x, at)
    at = buffer.writeFloatBE(pickup.y, at)
  }
  return buffer
}

/** Reads a datagram, or says why not. Never throws, whatever the bytes. */
export function decodeDatagram(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_DATAGRAM_BYTES) return { ok: false, fault: 'oversize' }
  if (bytes.length < HEADER_BYTES) return { ok: false, fault: 'truncated' }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  if (buffer.readUInt8(0) !== PROTOCOL_VERSION) return { ok: false, fault: 'bad-version' }
  const type = TYPE_NAMES[buffer.readUInt8(1)]
  if (!type) return { ok: false, fault: 'bad-type' }
  const header = {
    connectionId: buffer.readUInt32BE(2),
    sessionToken: buffer.readUInt32BE(6),
    seq: buffer.readUInt32BE(10),
  }
  if (type === 'hello') {
    return buffer.length === HEADER_BYTES ? { ok: true, datagram: { ...header, type } } : badLength
  }
  if (type === 'input') return decodeInputs(buffer, header)
  return decodeSnapshot(buffer, header)
}

const badLength = { ok: false, fault: 'bad-length' } as const

function decodeInputs(buffer: Buffer, header: Omit<DatagramHeader, 'type'>): Decoded {
  if (buffer.length < HEADER_BYTES + 1) return { ok: false, fault: 'truncated' }
  const count = buffer.readUInt8(HEADER_BYTES)
  if (count < 1 || count > MAX_INPUTS_PER_DATAGRAM) return badLength
  if (buffer.length !== HEADER_BYTES + 1 + count * INPUT_BYTES) return badLength
  const inputs: InputCommand[] = []
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + 1 + i * INPUT_BYTES
    inputs.push({ inputSeq: buffer.readUInt32BE(at), moveX: buffer.readInt8(at + 4), moveY: buffer.readInt8(at + 5) })
  }
  return { ok: true, datagram: { ...header, type: 'input', inputs } }
}

function decodeSnapshot(buffer: Buffer, header: Omit<DatagramHeader, 'type'>): Decoded {
  // Players start right after playerCount; pickupCount comes after them.
  const playersAt = HEADER_BYTES + SNAPSHOT_FIXED_BYTES - 1
  if (buffer.length < playersAt + 1) return { ok: false, fault: 'truncated' }
  let at = HEADER_BYTES
  const tick = buffer.readUInt32BE(at)
  const ackInputSeq = buffer.readUInt32BE(at + 4)
  const slot = buffer.readUInt16BE(at + 8)
  const x = buffer.readFloatBE(at + 10)
  const y = buffer.readFloatBE(at + 14)
  const score = buffer.readUInt16BE(at + 18)
  const playerCount = buffer.readUInt8(at + 20)
  at = playersAt
  const pickupCountAt = at + playerCount * OTHER_PLAYER_BYTES
  if (buffer.length < pickupCountAt + 1) return badLength
  const pickupCount = buffer.readUInt8(pickupCountAt)
  if (buffer.length !== snapshotBytes(playerCount, pickupCount)) return badLength
  const players = []
  for (let i = 0; i < playerCount; i++, at += OTHER_PLAYER_BYTES) {
    players.push({ slot: buffer.readUInt16BE(at), x: buffer.readFloatBE(at + 2), y: buffer.readFloatBE(at + 6) })
  }
  at += 1
  const pickups = []
  for (let i = 0; i < pickupCount; i++, at += PICKUP_BYTES) {
    pickups.push({ pickupId: buffer.readUInt16BE(at), x: buffer.readFloatBE(at + 2), y: buffer.readFloatBE(at + 6) })
  }
  const snapshot = { tick, ackInputSeq, slot, x, y, score, players, pickups }
  return { ok: true, datagram: { ...header, type: 'snapshot', snapshot } }
}

const clampI8 = (value: number) => Math.max(-127, Math.min(127, Math.trunc(value) || 0))
