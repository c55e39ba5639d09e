import { hopIs, hopsInOrder, newTraceparent, runModes, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GameClient } from '../src/bots/adapters/game-client'
import { GameClient as Client } from '../src/bots/adapters/game-client'
import { openTcpUdpLink } from '../src/bots/adapters/tcp-udp.link'
import { applyMove, distance, type Position } from '../src/shared/movement'
import { bootGame, type RunningGame } from './support/boot'
import { CENTER, drive, percentile, toward } from './support/game-driving'
import { gamePlayers } from './support/game-players'

describe.each(runModes())('game server (%s)', (mode) => {
  let game: RunningGame
  let players: ReturnType<typeof gamePlayers>
  const open: GameClient[] = []
  const join = async (matchId: string, name: string, over: 'udp' | 'ws' = 'udp', endsAt?: number) => {
    const ticket = players.ticket(matchId, name, endsAt)
    const client = over === 'udp' ? await players.joinOverUdp(ticket) : await players.joinOverWs(ticket)
    open.push(client)
    return client
  }

  beforeAll(async () => {
    game = await bootGame(mode)
    players = gamePlayers(game)
  })
  afterAll(async () => {
    for (const client of open) client.close()
    await game?.stop()
  })

  it('moves a player exactly by the movement rule, as its own snapshot shows', async () => {
    const client = await join(players.newMatchId(), 'Ada')
    expect(client.welcome).toMatchObject({ type: 'welcome', seq: 1, slot: 1, tickRate: 60 })
    await client.until(() => client.lastSnapshot !== undefined, 3_000, 'first snapshot')
    const start: Position = { x: client.lastSnapshot!.x, y: client.lastSnapshot!.y }
    const stick = toward(start, CENTER)
    let expected = start
    for (let i = 0; i < 30; i++) {
      client.sendInput(stick)
      expected = applyMove(expected, stick)
      await new Promise((resolve) => setTimeout(resolve, 1000 / 60))
    }
    await client.until(() => client.lastSnapshot!.ackInputSeq === 30, 3_000, 'input 30 acknowledged')
    expect({ x: client.lastSnapshot!.x, y: client.lastSnapshot!.y }).toEqual(expected)
    expect(distance(start, expected)).toBeGreaterThan(90) // 30 ticks × 3.33 units, unless a wall is near
    // Prediction agreed with the server all along: nothing to correct.
    expect(client.prediction!.position).toEqual(expected)
    expect(Math.max(...client.reconcileErrors)).toBeLessThan(0.01)
  })

  it('shows two players to each other once they are within view', async () => {
    const matchId = players.newMatchId()
    const ada = await join(matchId, 'Ada')
    const bob = await join(matchId, 'Bob')
    expect(bob.welcome.players.map((p) => p.name).sort()).toEqual(['Ada', 'Bob'])
    await ada.until(() => ada.eventsOf('joined').some((e) => e.name === 'Bob'), 3_000, 'Bob joined')
    const sees = (a: GameClient, b: GameClient) => !!a.lastSnapshot?.players.some((p) => p.slot === b.welcome.slot)
    await drive(
      [ada, bob],
      (c) => toward(c.prediction!.position, CENTER),
      () => sees(ada, bob) && sees(bob, ada),
    )
    // Standing still, each sees the other exactly where the other's own snapshot puts it.
    const tick = Math.max(ada.lastSnapshot!.tick, bob.lastSnapshot!.tick) + 3
    await ada.until(() => ada.lastSnapshot!.tick > tick && bob.lastSnapshot!.tick > tick, 2_000, 'later snapshots')
    const bobSeenByAda = ada.lastSnapshot!.players.find((p) => p.slot === bob.welcome.slot)!
    expect({ x: bobSeenByAda.x, y: bobSeenByAda.y }).toEqual({ x: bob.lastSnapshot!.x, y: bob.lastSnapshot!.y })
  })

  it('gives a pickup event then a score event to everyone in the match', async () => {
    const matchId = players.newMatchId()
    const runner = await join(matchId, 'Runner')
    const watcher = await join(matchId, 'Watcher')
    const nearest = (c: GameClient) => {
      const me = c.prediction!.position
      const seen = c.lastSnapshot?.pickups ?? []
      return seen.reduce<Position>((best, p) => (distance(me, p) < distance(me, best) ? p : best), seen[0] ?? CENTER)
    }
    // The watcher may spawn on a pickup and score first: the test follows the runner's own events.
    const mine = <T extends { slot: number }>(events: T[]) => events.filter((e) => e.slot === runner.welcome.slot)
    await drive(
      [runner],
      (c) => toward(c.prediction!.position, nearest(c)),
      () => mine(runner.eventsOf('score')).length > 0,
      10_000,
    )
    const [pickup] = mine(runner.eventsOf('pickup'))
    const [score] = mine(runner.eventsOf('score'))
    expect(score).toMatchObject({ score: 1, seq: pickup!.seq + 1 })
    await watcher.until(() => mine(watcher.eventsOf('score')).length > 0, 2_000, 'score seen by the watcher')
    expect(mine(watcher.eventsOf('pickup'))[0]).toMatchObject({ pickupId: pickup!.pickupId, tick: pickup!.tick })
    await runner.until(() => runner.lastSnapshot!.score === 1, 2_000, 'score in the snapshot')
  })

  it('delivers chat in order to everyone, and rate-limits the sixth line in 5 s', async () => {
    const matchId = players.newMatchId()
    const talker = await join(matchId, 'Talker')
    const listener = await join(matchId, 'Listener')
    const lines = ['one', 'two', 'three', 'four', '<b>five</b> 🎲']
    for (const line of lines) talker.chat(line)
    talker.chat('six')
    await listener.until(() => listener.eventsOf('chat').length === 5, 3_000, 'five chat lines')
    expect(listener.eventsOf('chat').map((e) => e.text)).toEqual(lines)
    expect(listener.eventsOf('chat').every((e) => e.name === 'Talker' && e.slot === talker.welcome.slot)).toBe(true)
    await talker.until(() => talker.eventsOf('error').length === 1, 2_000, 'the rate-limit error')
    expect(talker.eventsOf('error')[0]).toMatchObject({ code: 'RATE_LIMITED' })
    expect(listener.eventsOf('chat')).toHaveLength(5)
    expect(talker.seqFaults + listener.seqFaults).toBe(0)
  })

  it('puts a WebSocket (browser) player and a UDP+TCP player in one match, seeing each other', async () => {
    const matchId = players.newMatchId()
    const browser = await join(matchId, 'Browser', 'ws')
    const bot = await join(matchId, 'Bot', 'udp')
    await browser.until(() => browser.eventsOf('joined').some((e) => e.name === 'Bot'), 3_000, 'bot joined')
    const sees = (a: GameClient, b: GameClient) => !!a.lastSnapshot?.players.some((p) => p.slot === b.welcome.slot)
    await drive(
      [browser, bot],
      (c) => toward(c.prediction!.position, CENTER),
      () => sees(browser, bot) && sees(bot, browser),
    )
    bot.chat('hi from udp')
    await browser.until(() => browser.eventsOf('chat').some((e) => e.text === 'hi from udp'), 2_000, 'chat over ws')
    const metrics = await players.metrics()
    expect(metrics.ws.datagramsOut).toBeGreaterThan(0)
    expect(metrics.udp.datagramsOut).toBeGreaterThan(0)
  })

  it('ends the match at endsAt: match-result to everyone, then MatchEnded on Kafka', async () => {
    const matchId = players.newMatchId()
    const endsAt = Date.now() + 2_500
    const first = await join(matchId, 'First', 'udp', endsAt)
    const second = await join(matchId, 'Second', 'ws', endsAt)
    await first.until(() => first.eventsOf('match-result').length === 1, 6_000, 'match-result')
    await second.until(() => second.eventsOf('match-result').length === 1, 2_000, 'match-result over ws')
    const [result] = first.eventsOf('match-result')
    expect(result!.results.map((r) => r.name).sort()).toEqual(['First', 'Second'])
    expect(result!.results.map((r) => r.rank)).toEqual([1, 2])
    await first.until(() => first.closed, 2_000, 'server closes after the result')
    const ended = await players.matchEndedRecords(matchId)
    expect(ended).toHaveLength(1)
    expect(ended[0]!.results.map((r) => r.name).sort()).toEqual(['First', 'Second'])
    expect(ended[0]!.endedAtMs).toBeGreaterThanOrEqual(endsAt)
    await expect(players.joinOverUdp(players.ticket(matchId, 'Late'))).rejects.toThrow('FAILED_PRECONDITION')
  })

  it('answers an input with its own snapshot within about a tick on loopback', async () => {
    const client = await join(players.newMatchId(), 'Timer')
    await client.until(() => client.prediction !== undefined, 3_000, 'first snapshot')
    // One input at a time, each sent at a random moment of the tick: what is measured is the
    // server's answer (wait for the next tick, step, send), not a queue of inputs behind it.
    // The continuous 60 Hz stream of 32 players is the benchmark's (bench/main.ts: p99 < 50 ms).
    for (let i = 1; i <= 120; i++) {
      client.sendInput(toward(client.prediction!.position, CENTER))
      await client.until(() => client.roundTrips.length === i, 1_000, `input ${i} acknowledged`)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 17))
    }
    const p50 = percentile(client.roundTrips, 0.5)
    const p90 = percentile(client.roundTrips, 0.9)
    const p99 = percentile(client.roundTrips, 0.99)
    console.log(
      `[${mode}] input → own snapshot: p50 ${p50.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    )
    // Waiting for the next tick is 0–16.7 ms (8.3 on average); loopback adds well under 1 ms.
    // The p99 is left to the benchmark: on a test machine shared with other suites one stall decides it.
    expect(p50).toBeLessThan(20)
    expect(p90).toBeLessThan(34)
  })

  it('carries trace context through TCP and WebSocket frames into Kafka and back out to the players', async () => {
    const matchId = players.newMatchId()
    const joining = newTraceparent()
    const link = await openTcpUdpLink(players.addresses)
    const ada = await Client.join(link, players.ticket(matchId, 'Ada'), { trace: joining.traceparent })
    open.push(ada)
    // The join frame's hop, the PlayerJoined record it published, and the welcome frame sent back.
    await waitForTrace(
      game.wireUrl,
      joining.traceId,
      (hops) =>
        hopsInOrder(hops, [hopIs('tcp', 'SERVER', 'join'), hopIs('kafka', 'PRODUCER')]) &&
        hops.some(hopIs('tcp', 'PRODUCER', 'welcome')),
    )
    expect(ada.welcome.trace).toContain(joining.traceId)
    const browser = await join(matchId, 'Browser', 'ws')
    const chatting = newTraceparent()
    browser.link.sendEvent({ type: 'chat', text: 'traced hello', trace: chatting.traceparent })
    await ada.until(() => ada.eventsOf('chat').length === 1, 3_000, 'the traced chat line')
    // The chat frame Ada got over TCP continues the browser's trace.
    expect(ada.eventsOf('chat')[0]!.trace).toContain(chatting.traceId)
    await waitForTrace(game.wireUrl, chatting.traceId, (hops) =>
      hopsInOrder(hops, [hopIs('ws', 'SERVER', 'chat'), hopIs('tcp', 'PRODUCER', 'chat')]),
    )
  })

  it('plays with a ticket from the REST api (sign up → matchmaking → join its udp/tcp)', async () => {
    const signed = await game.request<{ token: string; playerId: string }>('POST', '/api/players', {
      body: { name: 'Rest Player' },
    })
    expect(signed.status).toBe(201)
    const made = await game.request<{ matchId: string; ticket: string; udp: string; tcp: string }>(
      'POST',
      '/api/matchmaking',
      {
        body: {},
        headers: { authorization: `Bearer ${signed.body.data!.token}` },
      },
    )
    expect(made.status).toBe(200)
    const { ticket, udp, tcp, matchId } = made.body.data!
    const client = await Client.join(await openTcpUdpLink({ udp, tcp }), ticket)
    open.push(client)
    expect(client.welcome).toMatchObject({ matchId, playerId: signed.body.data!.playerId })
    await client.until(() => client.lastSnapshot !== undefined, 3_000, 'first snapshot')
  })
})
