import { cpus, loadavg } from 'node:os'
import { type RunMode, round } from '@wired/testkit'
import type { GameClient } from '../src/bots/adapters/game-client'
import { snapshotBytes } from '../src/shared/protocol'
import { bootGame } from '../test/support/boot'
import { gamePlayers } from '../test/support/game-players'
import { bareUdpRoundTrip } from './bare-udp'
import { type PhaseResult, playPhase } from './play-phase'

/**
 * `pnpm --filter @wired/gaming bench`: 32 players in one match at 60 Hz on one game server.
 *   1. UDP + TCP clients for BENCH_SECONDS (default 20): tick duration p99 < 2 ms, tick jitter
 *      p99 < 2 ms (the server's own measurement, /metrics), bytes per player per second each way,
 *      input → own-snapshot round trip p99 < 50 ms (proxy off), beside a bare dgram echo's.
 *   2. The same 32 players over WebSocket (the browsers' fallback): bytes per player per second.
 *   3. Resident memory: the game server's (its own process on real infra), and with
 *      BENCH_MODE=embedded the whole scenario's in one process.
 * On native real infra when its env is set (KAFKA_BROKERS, …), else embedded; BENCH_MODE overrides.
 */
const mode = (process.env.BENCH_MODE ?? (process.env.KAFKA_BROKERS ? 'real' : 'embedded')) as RunMode
const seconds = Number(process.env.BENCH_SECONDS ?? 20)
const PLAYERS = 32
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
const kb = (bytes: number) => `${round(bytes / 1024, 2)} KiB/s`

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')
// Tick timing is only as good as the CPU the server gets: the load average says how shared it was.
console.log(
  `gaming bench: ${PLAYERS} players, 60 Hz, ${seconds} s a phase, ${mode} mode, ${cpus().length} CPUs, load ${load()}`,
)
const game = await bootGame(mode, { only: mode === 'real' ? ['game'] : undefined, env: { LOG_LEVEL: 'warn' } })
const players = gamePlayers(game)
const metricsUrl = game.urls['game metrics']!

const join = async (over: 'udp' | 'ws') => {
  const matchId = players.newMatchId()
  const clients: GameClient[] = []
  for (let i = 0; i < PLAYERS; i++) {
    const ticket = players.ticket(matchId, `bench ${over} ${i}`, Date.now() + 10 * 60_000)
    clients.push(over === 'udp' ? await players.joinOverUdp(ticket) : await players.joinOverWs(ticket))
  }
  return clients
}

try {
  const bare = await bareUdpRoundTrip(600, snapshotBytes(8, 8))
  const udpClients = await join('udp')
  const udp = await playPhase({ clients: udpClients, seconds, transport: 'udp', metricsUrl })
  for (const c of udpClients) c.close()
  const wsClients = await join('ws')
  const ws = await playPhase({ clients: wsClients, seconds: Math.min(seconds, 10), transport: 'ws', metricsUrl })
  for (const c of wsClients) c.close()
  const benchRss = process.memoryUsage.rss()
  printTable(udp, ws, bare)
  console.log(`load average at the end: ${load()}`)
  console.log(
    mode === 'embedded'
      ? `resident memory, whole scenario in one process (+ the bench's 32 clients): ${mb(benchRss)} (budget 300 MB)`
      : `resident memory, game server process: ${mb(udp.serverRssBytes)} (run with BENCH_MODE=embedded for the whole scenario)`,
  )
} finally {
  await game.stop()
}

function printTable(udp: PhaseResult, ws: PhaseResult, bare: { p50: number; p99: number }) {
  const rows: Array<[string, string, string]> = [
    ['tick duration p50 / p99 (UDP phase)', `${udp.tick.durationMs.p50} / ${udp.tick.durationMs.p99} ms`, 'p99 < 2 ms'],
    ['tick jitter p50 / p99 (UDP phase)', `${udp.tick.jitterMs.p50} / ${udp.tick.jitterMs.p99} ms`, 'p99 < 2 ms'],
    ['ticks per second (UDP / WS phase)', `${round(udp.ticksPerSecond)} / ${round(ws.ticksPerSecond)}`, '60'],
    ['tick duration / jitter p99 (WS phase)', `${ws.tick.durationMs.p99} / ${ws.tick.jitterMs.p99} ms`, ''],
    [
      'UDP down (snapshots) per player',
      kb(udp.downBytesPerPlayerSecond),
      `${round(udp.snapshotsPerPlayerSecond)} snapshots/s received`,
    ],
    ['  with IPv4 + UDP headers (28 B)', kb(udp.downBytesPerPlayerSecond + 28 * udp.downMessagesPerPlayerSecond), ''],
    ['UDP up (inputs) per player', kb(udp.upBytesPerPlayerSecond), ''],
    ['  with IPv4 + UDP headers (28 B)', kb(udp.upBytesPerPlayerSecond + 28 * udp.upMessagesPerPlayerSecond), ''],
    [
      'WS down (binary snapshots) per player',
      kb(ws.downBytesPerPlayerSecond),
      `${round(ws.snapshotsPerPlayerSecond)} snapshots/s received`,
    ],
    [
      '  with WS frame (2 B) + TCP/IPv4 (40 B)',
      kb(ws.downBytesPerPlayerSecond + 42 * ws.downMessagesPerPlayerSecond),
      'if each frame is its own segment',
    ],
    ['WS up (binary inputs) per player', kb(ws.upBytesPerPlayerSecond), ''],
    ['  with WS frame (6 B, masked) + TCP/IPv4', kb(ws.upBytesPerPlayerSecond + 46 * ws.upMessagesPerPlayerSecond), ''],
    [
      'input → own snapshot p50 / p99 (UDP)',
      `${round(udp.roundTrip.p50)} / ${round(udp.roundTrip.p99)} ms`,
      'p99 < 50 ms',
    ],
    ['input → own snapshot p50 / p99 (WS)', `${round(ws.roundTrip.p50)} / ${round(ws.roundTrip.p99)} ms`, ''],
    ['bare dgram echo round trip p50 / p99', `${round(bare.p50, 3)} / ${round(bare.p99, 3)} ms`, 'baseline, same run'],
    ['TCP/WS events out of order', `${udp.seqFaults + ws.seqFaults}`, '0'],
  ]
  const width = Math.max(...rows.map((row) => row[0].length))
  const valueWidth = Math.max(...rows.map((row) => row[1].length))
  for (const [name, value, target] of rows)
    console.log(`  ${name.padEnd(width)}  ${value.padStart(valueWidth)}  ${target}`)
  console.log(
    `  (a snapshot with 8 neighbours and 8 pickups is ${snapshotBytes(8, 8)} bytes; with none, ${snapshotBytes(0, 0)})`,
  )
}
