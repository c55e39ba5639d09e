/**
 * The server's movement rule (src/shared/movement.ts), mirrored line for line in the browser so
 * the page can predict its own moves. Any difference would show up as a correction at every
 * snapshot, and the reader would see the player jitter.
 *
 * One input moves the player for one tick: the stick (moveX, moveY in −127…127) is clamped to
 * integers and to length 127, scaled to MAX_SPEED, and the position is clamped to the arena (its
 * centre at least one radius from each wall). Math.fround keeps positions at f32, the precision
 * snapshots carry, so a replay lands on the same bits as the server.
 */
export const TICK_RATE = 60
export const MAX_SPEED = 200
export const MAX_MOVE = 127
export const ARENA = { width: 1000, height: 1000 }
export const PLAYER_RADIUS = 12
export const PICKUP_RADIUS = 8
export const VIEW_RADIUS = 300
const TICK_SECONDS = 1 / TICK_RATE

/** The stick as integers in −127…127, clamped to length 127 (a diagonal is not faster). */
export function clampMove(moveX, moveY) {
  const x = Math.max(-MAX_MOVE, Math.min(MAX_MOVE, Math.trunc(moveX) || 0))
  const y = Math.max(-MAX_MOVE, Math.min(MAX_MOVE, Math.trunc(moveY) || 0))
  const length = Math.hypot(x, y)
  if (length <= MAX_MOVE) return { x, y }
  const scale = MAX_MOVE / length
  return { x: Math.trunc(x * scale), y: Math.trunc(y * scale) }
}

const clamp = (value, min, max) => Math.min(max, Math.max(min, value))

/** Where one input takes a player in one tick. */
export function step(position, input) {
  const move = clampMove(input.moveX, input.moveY)
  const unitsPerStick = (MAX_SPEED * TICK_SECONDS) / MAX_MOVE
  const x = clamp(position.x + move.x * unitsPerStick, PLAYER_RADIUS, ARENA.width - PLAYER_RADIUS)
  const y = clamp(position.y + move.y * unitsPerStick, PLAYER_RADIUS, ARENA.height - PLAYER_RADIUS)
  return { x: Math.fround(x), y: Math.fround(y) }
}
