import { clampStick } from '../../shared/movement'
import type { InputCommand } from '../../shared/protocol'

/**
 * Half a second of inputs at 60 Hz. A client that sends faster than the server ticks (a speed
 * hack, or a clock running fast) cannot build a backlog that would let it move later without
 * sending: past this, newer inputs wait for the client to resend them.
 */
export const MAX_QUEUED_INPUTS = 30
/**
 * Inputs waiting past this (10 ticks, 167 ms) are too old to apply: the latency bound wins.
 * Tighter (6) dropped inputs in the loss test whenever a busy machine stalled a process for
 * 100 ms and the datagrams then arrived together.
 */
export const MAX_INPUT_BACKLOG = 10
/** Idle ticks a player may bank for catch-up: the most they can ever be ahead of max speed × time. */
export const MAX_BANKED_TICKS = 2

interface InputState {
  lastAppliedInputSeq: number
  queued: InputCommand[]
  banked: number
  /** Inputs dropped as too old (the backlog bound): counted at /metrics. */
  staleInputs: number
}

/**
 * Adds the inputs the player has not had applied yet, in inputSeq order, once each. Clients
 * resend their unacknowledged inputs in every datagram, so most arrivals are duplicates.
 */
export function queueInputs(
  player: Pick<InputState, 'lastAppliedInputSeq' | 'queued'>,
  inputs: readonly InputCommand[],
): void {
  for (const input of inputs) {
    if (input.inputSeq <= player.lastAppliedInputSeq) continue
    const queued = player.queued
    if (queued.length >= MAX_QUEUED_INPUTS) return
    const last = queued[queued.length - 1]
    const stick = clampStick(input)
    if (!last || last.inputSeq < input.inputSeq) {
      queued.push({ inputSeq: input.inputSeq, ...stick })
      continue
    }
    const at = queued.findIndex((waiting) => waiting.inputSeq >= input.inputSeq)
    if (queued[at]?.inputSeq !== input.inputSeq) queued.splice(at, 0, { inputSeq: input.inputSeq, ...stick })
  }
}

/**
 * The inputs to apply this tick, taken off the queue: one, or two when the player has a banked
 * idle tick (two inputs arrived within one tick after a tick with none: timer jitter). Catching
 * up keeps a one-input queue, and a tick more of latency, from standing for the rest of the match.
 */
export function inputsForThisTick(player: InputState): InputCommand[] {
  const queued = player.queued
  // Latency over completeness: a backlog past MAX_INPUT_BACKLOG (a client whose clock runs fast,
  // a stall) would delay every later input by as much, forever. The oldest are dropped; the
  // client's reconciliation absorbs the difference.
  if (queued.length > MAX_INPUT_BACKLOG) {
    player.staleInputs += queued.length - MAX_INPUT_BACKLOG
    queued.splice(0, queued.length - MAX_INPUT_BACKLOG)
  }
  if (queued.length === 0) {
    player.banked = Math.min(MAX_BANKED_TICKS, player.banked + 1)
    return []
  }
  if (queued.length === 1 || player.banked === 0) return queued.splice(0, 1)
  player.banked -= 1
  return queued.splice(0, 2)
}
