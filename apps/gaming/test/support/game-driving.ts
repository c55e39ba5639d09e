import type { GameClient } from '../../src/bots/adapters/game-client'
import { type Position, STICK_MAX, type Stick } from '../../src/shared/movement'

/** The stick pointing from `me` to `target` at full speed (zero when there). */
export function toward(me: Position, target: Position): Stick {
  const dx = target.x - me.x
  const dy = target.y - me.y
  const length = Math.hypot(dx, dy)
  if (length < 2) return { moveX: 0, moveY: 0 }
  return { moveX: Math.round((dx / length) * STICK_MAX), moveY: Math.round((dy / length) * STICK_MAX) }
}

/**
 * Plays the clients at 60 Hz, each steered by `stick`, until `done` holds or `timeoutMs` passes
 * (then it rejects). A bounded loop: the tests' way of "holding the stick".
 */
export async function drive(
  clients: GameClient[],
  stick: (client: GameClient) => Stick,
  done: () => boolean,
  timeoutMs = 8_000,
): Promise<void> {
  await Promise.all(
    clients.map((client) => client.until(() => client.prediction !== undefined, 5_000, 'first snapshot')),
  )
  const started = Date.now()
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error(`drive: not done after ${timeoutMs} ms`)
    for (const client of clients) client.sendInput(stick(client))
    await new Promise((resolve) => setTimeout(resolve, 1000 / 60))
  }
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
}

export const CENTER = { x: 500, y: 500 }
