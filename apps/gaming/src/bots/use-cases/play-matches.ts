import type { Logger } from '@wired/runtime'
import { matchmake, signUp } from '../adapters/api.client'
import { GameClient } from '../adapters/game-client'
import { openTcpUdpLink } from '../adapters/tcp-udp.link'
import type { BotTally } from '../domain/progress'
import { steer } from '../domain/steering'

const LINES = ['gg', 'nice one', 'over here!', 'that pickup was mine', 'hello arena']

export interface Bot {
  apiUrl: string
  name: string
  viaNetem: boolean
  /** Replace the lobby's addresses where set (config.ts says when). */
  addressOverrides: { udp?: string; tcp?: string; netemUdp?: string; netemTcp?: string }
  random: () => number
  /** Read at each tick, so the progress line can swap the interval's tally underneath. */
  readonly tallies: BotTally[]
  playing: { count: number }
  logger: Logger
  signal: AbortSignal
}

/** One bot's life: sign up once, then matchmake → play until match-result → again, until stopped. */
export async function playMatches(bot: Bot): Promise<void> {
  let account: { token: string } | undefined
  while (!bot.signal.aborted) {
    try {
      account ??= await signUp(bot.apiUrl, bot.name, bot.signal)
      const match = await matchmake(bot.apiUrl, account.token, bot.signal)
      const given = bot.viaNetem ? match.netem : match
      const override = bot.addressOverrides
      const addresses = {
        udp: (bot.viaNetem ? override.netemUdp : override.udp) ?? given.udp,
        tcp: (bot.viaNetem ? override.netemTcp : override.tcp) ?? given.tcp,
      }
      const client = await GameClient.join(await openTcpUdpLink(addresses), match.ticket)
      bot.playing.count += 1
      try {
        await playOneMatch(bot, client)
      } finally {
        bot.playing.count -= 1
        client.close()
      }
    } catch (error) {
      bot.logger.debug({ err: error, bot: bot.name }, 'bot could not play; trying again shortly')
    }
    await sleep(1_000, bot.signal)
  }
}

/** 60 inputs a second, steering for the nearest pickup; a chat line every ~20 s. */
async function playOneMatch(bot: Bot, client: GameClient): Promise<void> {
  const wander = { angle: bot.random() * Math.PI * 2 }
  let seen = { snapshots: 0, events: 0, seqFaults: 0, errors: 0 }
  // One input per 60 Hz frame on an absolute schedule: setInterval(1000 / 60) fires every 16 ms
  // (62.5/s), faster than the server ticks, and the surplus would queue up on the server as lag.
  // A frame missed (a busy process) is skipped, as a renderer skips it, not sent twice.
  const period = 1000 / 60
  let due = performance.now()
  while (!client.closed && !bot.signal.aborted) {
    const me = client.prediction?.position
    if (me) {
      client.sendInput(steer(me, client.lastSnapshot?.pickups ?? [], wander, bot.random))
      for (const tally of bot.tallies) tally.inputs += 1
    }
    if (bot.random() < 1 / 1200) client.chat(LINES[Math.floor(bot.random() * LINES.length)] as string)
    const now = {
      snapshots: client.snapshots,
      events: client.events.length,
      seqFaults: client.seqFaults,
      errors: client.reconcileErrors.length,
    }
    for (const tally of bot.tallies) {
      tally.snapshots += now.snapshots - seen.snapshots
      tally.events += now.events - seen.events
      tally.seqFaults += now.seqFaults - seen.seqFaults
      tally.reconcileErrors.push(...client.reconcileErrors.slice(seen.errors))
    }
    seen = now
    due += period
    const at = performance.now()
    if (at > due) due = at + period - ((at - due) % period)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - at - 1)))
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
