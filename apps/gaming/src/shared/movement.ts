/**
 * The one movement rule of the arena, shared by the server's simulation and the Node client's
 * prediction (the browser's web/ copy mirrors it line for line). Prediction only works if the
 * client moves its own player exactly as the server will: any difference shows up as a
 * correction when the snapshot arrives.
 *
 * One input moves the player for one tick: the stick vector (moveX, moveY in −127…127) is clamped
 * to length 127, scaled to MAX_SPEED, and the position is clamped to the arena (minus the radius).
 * Math.fround keeps positions at f32 precision, the precision snapshots carry, so a replay on
 * the client lands on the same bits as the server.
 */
export const ARENA_WIDTH = 1000
export const ARENA_HEIGHT = 1000
export const TICK_HZ = 60
export const TICK_SECONDS = 1 / TICK_HZ
/** Units per second at full stick. */
export const MAX_SPEED = 200
export const PLAYER_RADIUS = 12
export const PICKUP_RADIUS = 8
/** Snapshots carry only players and pickups within this distance (area of interest). */
export const VIEW_RADIUS = 300
export const STICK_MAX = 127

export interface Position {
  x: number
  y: number
}

export interface Stick {
  moveX: number
  moveY: number
}

/** The stick clamped to integers in −127…127 and to length 127 (a diagonal is not faster). */
export function clampStick({ moveX, moveY }: Stick): Stick {
  const x = Math.max(-STICK_MAX, Math.min(STICK_MAX, Math.trunc(moveX) || 0))
  const y = Math.max(-STICK_MAX, Math.min(STICK_MAX, Math.trunc(moveY) || 0))
  const length = Math.hypot(x, y)
  if (length <= STICK_MAX) return { moveX: x, moveY: y }
  const scale = STICK_MAX / length
  return { moveX: Math.trunc(x * scale), moveY: Math.trunc(y * scale) }
}

/** Where one tick of `stick` takes a player standing at `from`. */
export function applyMove(from: Position, stick: Stick, tickSeconds = TICK_SECONDS): Position {
  const { moveX, moveY } = clampStick(stick)
  const step = (MAX_SPEED * tickSeconds) / STICK_MAX
  const x = clamp(from.x + moveX * step, PLAYER_RADIUS, ARENA_WIDTH - PLAYER_RADIUS)
  const y = clamp(from.y + moveY * step, PLAYER_RADIUS, ARENA_HEIGHT - PLAYER_RADIUS)
  return { x: Math.fround(x), y: Math.fround(y) }
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

export const distance = (a: Position, b: Position) => Math.hypot(a.x - b.x, a.y - b.y)
