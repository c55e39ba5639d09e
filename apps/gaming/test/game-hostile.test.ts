import { createSocket, type Socket } from 'node:dgram'
import { connect } from 'node:net'
import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { GameClient } from '../src/bots/adapters/game-client'
import { parseAddress } from '../src/bots/adapters/link'
import { MAX_BANKED_TICKS } from '../src/game/domain/input-queue'
import { MAX_SPEED, TICK_SECONDS } from '../src/shared/movement'
import { encodeFrame, encodeHello, encodeInput, frameDecoder } from '../src/shared/protocol'
import { bootGame, type RunningGame } from './support/boot'
import { gamePlayers } from './support/game-players'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each(runModes())('game server under hostile input (%s)', (mode) => {
  let game: RunningGame
  let players: ReturnType<typeof gamePlayers>
  let victim: GameClient
  let bystander: GameClient
  let spoofer: Socket
  const spooferHeard: Buffer[] = []
  const udp = () => parseAddress(players.addresses.udp)
  const sendFromSpoofer = (bytes: Buffer) => spoofer.send(bytes, udp().port, udp().host)
  const dropsAfter = async (reason: string, before: number) => {
    for (let i = 0; i < 40; i++) {
      const count = (await players.metrics()).drops[reason] ?? 0
      if (count > before) return count
      await sleep(50)
    }
    return (await players.metrics()).drops[reason] ?? 0
  }
  const positionOf = (client: GameClient) => ({ x: client.lastSnapshot!.x, y: client.lastSnapshot!.y })
  /** The victim stands still: a few ticks later it must be exactly where it was. */
  const expectVictimUnmoved = async (at: { x: number; y: number }) => {
    const tick = victim.lastSnapshot!.tick + 5
    await victim.until(() => victim.lastSnapshot!.tick > tick, 2_000, 'later snapshots')
    expect(positionOf(victim)).toEqual(at)
  }

  beforeAll(async () => {
    game = await bootGame(mode)
    players = gamePlayers(game)
    const matchId = players.newMatchId()
    victim = await players.joinOverUdp(players.ticket(matchId, 'Victim'))
    bystander = await players.joinOverUdp(players.ticket(matchId, 'Bystander'))
    await victim.until(() => victim.lastSnapshot !== undefined, 3_000, 'victim bound')
    spoofer = createSocket('udp4')
    await new Promise<void>((resolve) => spoofer.bind(0, '127.0.0.1', resolve))
    spoofer.on('message', (bytes) => spooferHeard.push(bytes))
  })
  afterAll(async () => {
    victim?.close()
    bystander?.close()
    spoofer?.close()
    await game?.stop()
  })

  it('drops a datagram for a session from another address, and never answers the spoofer', async () => {
    const at = positionOf(victim)
    const before = (await players.metrics()).drops['spoofed-address'] ?? 0
    const { connectionId, sessionToken } = victim.welcome
    for (let i = 0; i < 20; i++) {
      const seq = 1_000_000 + i
      sendFromSpoofer(
        encodeInput({ connectionId, sessionToken, seq }, [{ inputSeq: 500_000 + i, moveX: 127, moveY: 127 }]),
      )
      sendFromSpoofer(encodeHello({ connectionId, sessionToken, seq: seq + 100 }))
    }
    expect(await dropsAfter('spoofed-address', before + 39)).toBe(before + 40)
    await expectVictimUnmoved(at)
    expect(victim.lastSnapshot!.ackInputSeq).toBe(0)
    expect(spooferHeard).toHaveLength(0)
  })

  it('drops a wrong session token and an unknown connection id', async () => {
    const m = await players.metrics()
    const { connectionId, sessionToken } = victim.welcome
    sendFromSpoofer(
      encodeInput({ connectionId, sessionToken: (sessionToken + 1) >>> 0, seq: 9e8 }, [
        { inputSeq: 1, moveX: 1, moveY: 1 },
      ]),
    )
    sendFromSpoofer(encodeHello({ connectionId: (connectionId ^ 0xffff) >>> 0, sessionToken, seq: 1 }))
    expect(await dropsAfter('bad-token', m.drops['bad-token'] ?? 0)).toBe((m.drops['bad-token'] ?? 0) + 1)
    expect(await dropsAfter('unknown-connection', m.drops['unknown-connection'] ?? 0)).toBe(
      (m.drops['unknown-connection'] ?? 0) + 1,
    )
    expect(spooferHeard).toHaveLength(0)
  })

  it('drops a replayed datagram (an old seq from the right address)', async () => {
    const at = positionOf(victim)
    const before = (await players.metrics()).drops['replayed-seq'] ?? 0
    // A datagram the victim's own socket sends with a seq it already used: the replay an
    // on-path attacker could make. Sent from the victim's socket, i.e. the bound address.
    const { connectionId, sessionToken } = victim.welcome
    const replay = encodeInput({ connectionId, sessionToken, seq: 1 }, [{ inputSeq: 1, moveX: 127, moveY: 0 }])
    victim.link.sendDatagram(replay)
    victim.link.sendDatagram(replay)
    expect(await dropsAfter('replayed-seq', before + 1)).toBe(before + 2)
    await expectVictimUnmoved(at)
  })

  it('drops oversize, truncated and mis-sized datagrams by reason', async () => {
    const m = await players.metrics()
    const { connectionId, sessionToken } = victim.welcome
    const valid = encodeInput({ connectionId, sessionToken, seq: 2e9 }, [{ inputSeq: 1, moveX: 1, moveY: 1 }])
    sendFromSpoofer(Buffer.alloc(600, 1))
    sendFromSpoofer(valid.subarray(0, 10))
    sendFromSpoofer(valid.subarray(0, valid.length - 2))
    sendFromSpoofer(Buffer.concat([encodeHello({ connectionId, sessionToken, seq: 1 }), Buffer.alloc(3)]))
    const bad = Buffer.from(valid)
    bad[0] = 9
    sendFromSpoofer(bad)
    expect(await dropsAfter('oversize', m.drops.oversize ?? 0)).toBe((m.drops.oversize ?? 0) + 1)
    expect(await dropsAfter('truncated', m.drops.truncated ?? 0)).toBe((m.drops.truncated ?? 0) + 1)
    expect(await dropsAfter('bad-length', (m.drops['bad-length'] ?? 0) + 1)).toBe((m.drops['bad-length'] ?? 0) + 2)
    expect(await dropsAfter('bad-version', m.drops['bad-version'] ?? 0)).toBe((m.drops['bad-version'] ?? 0) + 1)
    expect(spooferHeard).toHaveLength(0)
  })

  it('clamps a speed hack: 10 datagrams a tick of 8 fresh inputs each move no faster than max speed', async () => {
    const first = victim.lastSnapshot!
    let inputSeq = first.ackInputSeq
    for (let tick = 0; tick < 30; tick++) {
      for (let burst = 0; burst < 10; burst++) {
        const inputs = Array.from({ length: 8 }, () => ({ inputSeq: ++inputSeq, moveX: 127, moveY: 127 }))
        victim.link.sendDatagram(encodeInput(victim.header(), inputs))
      }
      await sleep(1000 / 60)
    }
    await sleep(300)
    const last = victim.lastSnapshot!
    const moved = Math.hypot(last.x - first.x, last.y - first.y)
    expect(moved).toBeGreaterThan(0)
    // Max speed × time, plus the (at most 2) banked catch-up ticks the README allows.
    expect(moved).toBeLessThanOrEqual((last.tick - first.tick + MAX_BANKED_TICKS) * MAX_SPEED * TICK_SECONDS + 0.01)
    expect(last.ackInputSeq).toBeLessThan(inputSeq) // most of the 2,400 inputs were never applied
  })

  it('answers malformed TCP frames with an error frame and a close', async () => {
    const tcp = parseAddress(players.addresses.tcp)
    const exchange = async (bytes: Buffer) => {
      const socket = connect(tcp.port, tcp.host)
      const decoder = frameDecoder()
      const frames: Array<Record<string, unknown>> = []
      socket.on('data', (chunk) => frames.push(...decoder.push(chunk).map((b) => JSON.parse(b))))
      socket.write(bytes)
      await new Promise((resolve) => socket.on('close', resolve))
      return frames
    }
    const prefix = (length: number) => {
      const buffer = Buffer.alloc(4)
      buffer.writeUInt32BE(length)
      return buffer
    }
    const raw = (text: string) => Buffer.concat([prefix(Buffer.byteLength(text)), Buffer.from(text)])
    const cases: Array<[Buffer, string]> = [
      [prefix(0), 'INVALID_ARGUMENT'],
      [Buffer.concat([prefix(5000), Buffer.alloc(10)]), 'INVALID_ARGUMENT'],
      [raw('{not json'), 'INVALID_ARGUMENT'],
      [raw('{"type":"teleport","x":1}'), 'INVALID_ARGUMENT'],
      [encodeFrame({ type: 'chat', text: 'before join' }), 'UNAUTHENTICATED'],
      [encodeFrame({ type: 'join', ticket: 'forged.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }), 'UNAUTHENTICATED'],
    ]
    for (const [bytes, code] of cases) {
      const frames = await exchange(bytes)
      expect(frames).toEqual([expect.objectContaining({ type: 'error', code, seq: 1 })])
    }
    expect((await players.metrics()).players).toBe(2)
  })

  it('drops a TCP client that never reads; the others keep getting their events', async () => {
    const tcp = parseAddress(players.addresses.tcp)
    const stalled = connect(tcp.port, tcp.host)
    await new Promise((resolve) => stalled.once('connect', resolve))
    stalled.pause() // never reads a byte
    stalled.on('error', () => {})
    stalled.write(encodeFrame({ type: 'join', ticket: players.ticket(victim.welcome.matchId, 'Stalled') }))
    const before = (await players.metrics()).tcp.droppedSlowClients
    // Each empty chat line earns an error frame the client never reads, until the server's unsent bytes pass 256 KiB.
    const flood = Buffer.concat(Array.from({ length: 500 }, () => encodeFrame({ type: 'chat', text: '' })))
    let dropped = false
    for (let round = 0; round < 200 && !dropped; round++) {
      if (!stalled.destroyed) stalled.write(flood)
      await sleep(20)
      if (round % 10 === 9) dropped = (await players.metrics()).tcp.droppedSlowClients > before
    }
    expect(dropped).toBe(true)
    // Everyone else: a chat line arrives at once, snapshots keep coming.
    const snapshots = bystander.snapshots
    victim.chat('still here?')
    await bystander.until(() => bystander.eventsOf('chat').some((e) => e.text === 'still here?'), 1_000, 'chat')
    await bystander.until(() => bystander.snapshots > snapshots + 10, 1_000, 'snapshots')
    expect(bystander.seqFaults).toBe(0)
    stalled.destroy()
  })

  it('closes a WebSocket that sends garbage, drops its foreign datagrams, and stays up for everyone', async () => {
    const ws = new WebSocket(game.urls['game WebSocket']!)
    const messages: Array<Record<string, unknown>> = []
    ws.on('message', (data, isBinary) => !isBinary && messages.push(JSON.parse(String(data))))
    await new Promise((resolve) => ws.once('open', resolve))
    const before = (await players.metrics()).drops['unknown-connection'] ?? 0
    const { connectionId, sessionToken } = victim.welcome
    ws.send(encodeInput({ connectionId, sessionToken, seq: 3e9 }, [{ inputSeq: 1, moveX: 1, moveY: 1 }]))
    expect(await dropsAfter('unknown-connection', before)).toBe(before + 1)
    ws.send('not json at all')
    const code = await new Promise((resolve) => ws.once('close', resolve))
    expect(code).toBe(1008)
    expect(messages).toEqual([expect.objectContaining({ type: 'error', code: 'INVALID_ARGUMENT', seq: 1 })])
    expect((await fetch(`${game.urls['game metrics']!.replace('/metrics', '/healthz')}`)).status).toBe(200)
    const late = await players.joinOverUdp(players.ticket(victim.welcome.matchId, 'Latecomer'))
    await late.until(() => late.lastSnapshot !== undefined, 3_000, 'a new player still plays')
    late.close()
  })
})
