import { percentiles } from '@wired/testkit'
import type { GameClient } from '../src/bots/adapters/game-client'
import { steer } from '../src/bots/domain/steering'
import type { GameMetrics } from '../test/support/game-players'

export interface PhaseResult {
  players: number
  seconds: number
  tick: GameMetrics['tick']
  /** Server → client and client → server bytes per player per second, on this phase's transport. */
  downBytesPerPlayerSecond: number
  upBytesPerPlayerSecond: number
  /** Datagrams (UDP) or binary frames (WS) per player per second, each way: for the header overhead. */
  downMessagesPerPlayerSecond: number
  upMessagesPerPlayerSecond: number
  snapshotsPerPlayerSecond: number
  roundTrip: ReturnType<typeof percentiles>
  seqFaults: number
  serverRssBytes: number
  /** Ticks the server ran per second in the phase (60 when it kept up). */
  ticksPerSecond: number
}

/**
 * `clients` play one match for `seconds` at 60 inputs/s each (the bots' steering), after a warm-up
 * whose ticks are left out of the server's figures (POST /metrics/reset-ticks). Bandwidth is the
 * server's own byte counters for the transport, divided by players and seconds.
 */
export async function playPhase(options: {
  clients: GameClient[]
  seconds: number
  transport: 'udp' | 'ws'
  metricsUrl: string
}): Promise<PhaseResult> {
  const { clients, seconds, transport, metricsUrl } = options
  const metrics = async () => (await (await fetch(metricsUrl)).json()) as GameMetrics
  await Promise.all(clients.map((c) => c.until(() => c.prediction !== undefined, 10_000, 'first snapshot')))
  const wander = clients.map((_, i) => ({ angle: i }))
  let stop = false
  const loop = (async () => {
    // One input round per 60 Hz frame on an absolute schedule, like a client's render loop: a
    // frame missed (the bench process was busy) is skipped, not sent twice in a burst.
    const period = 1000 / 60
    let due = performance.now()
    while (!stop) {
      clients.forEach((c, i) => {
        c.sendInput(steer(c.prediction!.position, c.lastSnapshot?.pickups ?? [], wander[i]!, Math.random))
      })
      due += period
      const now = performance.now()
      if (now > due) due = now + period - ((now - due) % period)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - now - 1)))
    }
  })()
  await new Promise((resolve) => setTimeout(resolve, 2_000)) // warm-up: JIT, sockets, queues
  await fetch(metricsUrl.replace('/metrics', '/metrics/reset-ticks'), { method: 'POST' })
  for (const c of clients) c.roundTrips.length = 0
  const before = await metrics()
  const snapshotsBefore = clients.reduce((sum, c) => sum + c.snapshots, 0)
  const started = performance.now()
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  const after = await metrics()
  const elapsed = (performance.now() - started) / 1000
  stop = true
  await loop
  const per = (bytes: number) => bytes / clients.length / elapsed
  return {
    players: clients.length,
    seconds: elapsed,
    tick: after.tick,
    downBytesPerPlayerSecond: per(after[transport].bytesOut - before[transport].bytesOut),
    upBytesPerPlayerSecond: per(after[transport].bytesIn - before[transport].bytesIn),
    downMessagesPerPlayerSecond: per(after[transport].datagramsOut - before[transport].datagramsOut),
    upMessagesPerPlayerSecond: per(after[transport].datagramsIn - before[transport].datagramsIn),
    snapshotsPerPlayerSecond:
      (clients.reduce((sum, c) => sum + c.snapshots, 0) - snapshotsBefore) / clients.length / elapsed,
    roundTrip: percentiles(clients.flatMap((c) => c.roundTrips)),
    seqFaults: clients.reduce((sum, c) => sum + c.seqFaults, 0),
    serverRssBytes: after.rssBytes,
    ticksPerSecond: (after.tick.ticks - before.tick.ticks) / elapsed,
  }
}
