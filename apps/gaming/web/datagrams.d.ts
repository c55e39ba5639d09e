// Types of datagrams.js for the Node unit tests (test/web-datagrams.test.ts); the page runs the .js.
export interface Session {
  connectionId: number
  sessionToken: number
}
export interface Input {
  seq: number
  moveX: number
  moveY: number
}
export interface Header extends Session {
  type: number
  seq: number
}
export interface Snapshot extends Header {
  tick: number
  ackInputSeq: number
  slot: number
  x: number
  y: number
  score: number
  players: Array<{ slot: number; x: number; y: number }>
  pickups: Array<{ pickupId: number; x: number; y: number }>
}
export const VERSION: 1
export const TYPE: { hello: 1; input: 2; snapshot: 3 }
export const HEADER_BYTES: 14
export const INPUT_BYTES: 6
export const MAX_INPUTS: 8
export function encodeHello(session: Session, seq: number): Uint8Array
export function encodeInput(session: Session, seq: number, inputs: Input[]): Uint8Array
export function decodeHeader(view: DataView): Header | undefined
export function decodeSnapshot(data: ArrayBuffer | ArrayBufferView): Snapshot | undefined
