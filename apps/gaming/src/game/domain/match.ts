import { AppError } from '@wired/runtime'
import {
  ARENA_HEIGHT,
  ARENA_WIDTH,
  applyMove,
  distance,
  PICKUP_RADIUS,
  PLAYER_RADIUS,
  VIEW_RADIUS,
} from '../../shared/movement'
import type { InputCommand, MatchResultEntry, ServerEventBody, Snapshot } from '../../shared/protocol'
import { type ChatLimiter, chatLimiter } from './chat-limit'
import { inputsForThisTick, queueInputs } from './input-queue'

export const PICKUP_COUNT = 24
/** A collected pickup comes back 3 s later (at 60 Hz) somewhere else. */
export const PICKUP_RESPAWN_TICKS = 180
export const POINTS_PER_PICKUP = 1

export interface Player {
  slot: number
  playerId: string
  name: string
  x: number
  y: number
  score: number
  /** The last inputSeq applied: the snapshot's ackInputSeq, what the client reconciles against. */
  lastAppliedInputSeq: number
  /** Received but not yet applied, ascending by inputSeq. */
  queued: InputCommand[]
  /** Ticks that passed with no input waiting (at most MAX_BANKED_TICKS): each buys one catch-up input. */
  banked: number
  staleInputs: number
  connected: boolean
  chat: ChatLimiter
}

export interface Pickup {
  pickupId: number
  x: number
  y: number
  /** Tick at which a collected pickup reappears; 0 while it is on the field. */
  respawnAt: number
}

/** What happened in a step, for the gateways (events) and Kafka (collections). */
export interface StepOutcome {
  events: ServerEventBody[]
  collected: Array<{ playerId: string; pickupId: number; tick: number; points: number }>
}

/**
 * One match's authoritative state and its rules, with no I/O: the clock and the dice are passed
 * in, so a test can replay a match tick by tick.
 */
export class Match {
  readonly players = new Map<number, Player>()
  readonly pickups: Pickup[] = []
  tick = 0

  constructor(
    readonly matchId: string,
    readonly endsAt: number,
    readonly startedAt: number,
    readonly capacity: number,
    private readonly random: () => number = Math.random,
  ) {
    for (let pickupId = 1; pickupId <= PICKUP_COUNT; pickupId++) {
      this.pickups.push({ pickupId, ...this.randomSpot(), respawnAt: 0 })
    }
  }

  /**
   * Adds the player, or gives a returning player (same playerId) their slot, position and score
   * back. A return is a new session whose client numbers its inputs from 1 again, so the input
   * bookkeeping starts over (the old session's datagrams fail the new session token anyway).
   */
  join(playerId: string, name: string): Player {
    for (const player of this.players.values()) {
      if (player.playerId === playerId) {
        player.connected = true
        player.queued = []
        player.lastAppliedInputSeq = 0
        player.banked = 0
        return player
      }
    }
    if (this.connectedCount >= this.capacity) throw new AppError('FAILED_PRECONDITION', 'match is full')
    const slot = this.players.size + 1
    const player: Player = {
      slot,
      playerId,
      name,
      ...this.randomSpot(),
      score: 0,
      lastAppliedInputSeq: 0,
      queued: [],
      banked: 0,
      staleInputs: 0,
      connected: true,
      chat: chatLimiter(),
    }
    this.players.set(slot, player)
    return player
  }

  /** The player stays in the results; they are no longer simulated or seen. */
  leave(slot: number): void {
    const player = this.players.get(slot)
    if (player) player.connected = false
  }

  get connectedCount(): number {
    let count = 0
    for (const player of this.players.values()) if (player.connected) count++
    return count
  }

  receiveInputs(slot: number, inputs: readonly InputCommand[]): void {
    const player = this.players.get(slot)
    if (player?.connected) queueInputs(player, inputs)
  }

  /**
   * One tick: each player moves by one input (two when catching up with a banked idle tick): the
   * speed-hack clamp, as sending 8 inputs a datagram or 1,000 datagrams a second does not move
   * anyone faster. Then pickups are collected.
   */
  step(): StepOutcome {
    this.tick += 1
    const outcome: StepOutcome = { events: [], collected: [] }
    for (const player of this.players.values()) {
      if (!player.connected) continue
      for (const input of inputsForThisTick(player)) {
        Object.assign(player, applyMove(player, input))
        player.lastAppliedInputSeq = input.inputSeq
      }
    }
    for (const pickup of this.pickups) {
      if (pickup.respawnAt > 0) {
        if (pickup.respawnAt <= this.tick) Object.assign(pickup, this.randomSpot(), { respawnAt: 0 })
        continue
      }
      const taker = this.playerTouching(pickup)
      if (!taker) continue
      pickup.respawnAt = this.tick + PICKUP_RESPAWN_TICKS
      taker.score += POINTS_PER_PICKUP
      outcome.events.push({ type: 'pickup', slot: taker.slot, pickupId: pickup.pickupId, tick: this.tick })
      outcome.events.push({ type: 'score', slot: taker.slot, score: taker.score })
      outcome.collected.push({
        playerId: taker.playerId,
        pickupId: pickup.pickupId,
        tick: this.tick,
        points: POINTS_PER_PICKUP,
      })
    }
    return outcome
  }

  /** The player's view this tick: themselves, and players and pickups within VIEW_RADIUS. */
  snapshotFor(player: Player): Snapshot {
    const players: Snapshot['players'] = []
    for (const other of this.players.values()) {
      if (other === player || !other.connected || distance(player, other) > VIEW_RADIUS) continue
      players.push({ slot: other.slot, x: other.x, y: other.y })
    }
    const pickups = this.pickups
      .filter((pickup) => pickup.respawnAt === 0 && distance(player, pickup) <= VIEW_RADIUS)
      .map(({ pickupId, x, y }) => ({ pickupId, x, y }))
    const { slot, x, y, score } = player
    return { tick: this.tick, ackInputSeq: player.lastAppliedInputSeq, slot, x, y, score, players, pickups }
  }

  /** Ranked by points; ties share the better rank's order of joining (lower slot first). */
  results(): MatchResultEntry[] {
    return [...this.players.values()]
      .sort((a, b) => b.score - a.score || a.slot - b.slot)
      .map((player, index) => ({
        slot: player.slot,
        playerId: player.playerId,
        name: player.name,
        points: player.score,
        rank: index + 1,
      }))
  }

  private playerTouching(pickup: Pickup): Player | undefined {
    for (const player of this.players.values()) {
      if (player.connected && distance(player, pickup) <= PLAYER_RADIUS + PICKUP_RADIUS) return player
    }
    return undefined
  }

  private randomSpot() {
    const margin = 40
    return {
      x: Math.fround(margin + this.random() * (ARENA_WIDTH - 2 * margin)),
      y: Math.fround(margin + this.random() * (ARENA_HEIGHT - 2 * margin)),
    }
  }
}
