// Types of movement.js for the Node unit tests; the page runs the .js.
export interface Position {
  x: number
  y: number
}
export const TICK_RATE: number
export const MAX_SPEED: number
export const MAX_MOVE: number
export const ARENA: { width: number; height: number }
export const PLAYER_RADIUS: number
export const PICKUP_RADIUS: number
export const VIEW_RADIUS: number
export function clampMove(moveX: number, moveY: number): Position
export function step(position: Position, input: { moveX: number; moveY: number }): Position
