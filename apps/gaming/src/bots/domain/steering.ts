import { distance, type Position, STICK_MAX, type Stick } from '../../shared/movement'

/**
 * A bot's stick for this tick: toward the nearest pickup it can see, bent by a slowly turning
 * wander angle so bots do not all run the same line; just the wander when nothing is in sight.
 * `wander` is the bot's own state (an angle), carried from tick to tick.
 */
export function steer(
  me: Position,
  pickups: readonly Position[],
  wander: { angle: number },
  random: () => number,
): Stick {
  wander.angle += (random() - 0.5) * 0.3
  let target: Position | undefined
  for (const pickup of pickups) if (!target || distance(me, pickup) < distance(me, target)) target = pickup
  let angle = wander.angle
  if (target) angle = Math.atan2(target.y - me.y, target.x - me.x) + Math.sin(wander.angle) * 0.4
  return { moveX: Math.round(Math.cos(angle) * STICK_MAX), moveY: Math.round(Math.sin(angle) * STICK_MAX) }
}
