import { createSocket } from 'node:dgram'
import { connect } from 'node:net'
import { waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GameClient } from '../src/bots/adapters/game-client'
import { openTcpUdpLink } from '../src/bots/adapters/tcp-udp.link'
import { bootGame, type RunningGame } from './support/boot'
import { CENTER, drive, toward } from './support/game-driving'
import { gamePlayers } from './support/game-players'
import { openWsLink } from './support/ws-link'

interface Match {
  matchId: string
  ticket: string
  udp: string
  tcp: string
  ws: string
  netem: { udp: string; tcp: string; ws: string }
}

/**
 * The compose pass's smoke subset: CI runs this file against the `gaming` profile (one container
 * per service, UDP and TCP published on loopback, 15-second matches from compose.test.yml). The
 * full suite (game, hostile inputs, lobby, netem, lossy link, durability, browser) covers the same
 * paths embedded and on native infra, so vitest.config.ts leaves this file out unless the pass is
 * compose. Everything here goes through the addresses the lobby hands out, as a player's would.
 */
describe('gaming smoke (compose)', () => {
  let game: RunningGame
  const open: GameClient[] = []

  const signUpAndMatch = async (name: string) => {
    const player = await game.request<{ playerId: string; token: string }>('POST', '/api/players', { body: { name } })
    expect(player.status).toBe(201)
    const match = await game.request<Match>('POST', '/api/matchmaking', {
      body: {},
      headers: { authorization: `Bearer ${player.body.data!.token}` },
    })
    expect(match.status).toBe(200)
    return { ...player.body.data!, match: match.body.data! }
  }

  beforeAll(async () => {
    game = await bootGame('compose')
    await game.request('PUT', '/api/netem', { body: { dropPercent: 0, delayMs: 0, jitterMs: 0 } })
  })
  afterAll(async () => {
    for (const client of open) client.close()
    await game?.request('PUT', '/api/netem', { body: { dropPercent: 0, delayMs: 0, jitterMs: 0 } })
    await game?.stop()
  })

  it('puts a UDP+TCP player, a WebSocket player and a player behind the lossy proxy in one match, ends it, and records it', async () => {
    const ada = await signUpAndMatch('Ada')
    const bob = await signUpAndMatch('Bob')
    const cy = await signUpAndMatch('Cy')
    expect(new Set([ada.match.matchId, bob.match.matchId, cy.match.matchId]).size).toBe(1)

    const overUdp = await GameClient.join(await openTcpUdpLink(ada.match), ada.match.ticket)
    const overWs = await GameClient.join(await openWsLink(bob.match.ws), bob.match.ticket)
    // 10 % of datagrams dropped each way, 20 ± 5 ms: the game goes on, TCP events stay whole and in order.
    const set = await game.request('PUT', '/api/netem', { body: { dropPercent: 10, delayMs: 20, jitterMs: 5 } })
    expect(set.status).toBe(200)
    const lossy = await GameClient.join(await openTcpUdpLink(cy.match.netem), cy.match.ticket)
    open.push(overUdp, overWs, lossy)

    const everyone = [overUdp, overWs, lossy]
    const seesAll = (me: GameClient) =>
      everyone
        .filter((other) => other !== me)
        .every((o) => me.lastSnapshot?.players.some((p) => p.slot === o.welcome.slot))
    await drive(
      everyone,
      (c) => toward(c.prediction!.position, CENTER),
      () => everyone.every(seesAll),
      6_000,
    )

    overWs.chat('hello from a browser-like client')
    overUdp.chat('hello from a bot-like client')
    for (const client of everyone) {
      await client.until(() => client.eventsOf('chat').length >= 2, 5_000, 'both chat lines')
      const seqs = client.events.map((event) => event.seq)
      expect(seqs).toEqual(seqs.map((_, i) => i + 1))
    }

    for (const client of everyone)
      await client.until(() => client.eventsOf('match-result').length === 1, 15_000, 'match-result')
    const result = overUdp.eventsOf('match-result')[0]!
    expect(result.results.map((r) => r.name).sort()).toEqual(['Ada', 'Bob', 'Cy'])

    const recorded = await waitFor(
      async () => {
        const answer = await game.request<{ status: string; results?: unknown[] }>(
          'GET',
          `/api/matches/${ada.match.matchId}`,
        )
        return answer.body.data?.status === 'finished' ? answer.body.data : undefined
      },
      { timeoutMs: 20_000, what: 'the stats service records the match' },
    )
    expect(recorded.results).toHaveLength(3)
    const stats = await game.request<{ matches: number }>('GET', `/api/players/${ada.playerId}/stats`)
    expect(stats.body.data!.matches).toBe(1)
    const board = await game.request<{ entries: Array<{ playerId: string }> }>(
      'GET',
      '/api/leaderboards/points?limit=100',
    )
    expect(board.body.data!.entries.map((entry) => entry.playerId)).toEqual(
      expect.arrayContaining([ada.playerId, bob.playerId, cy.playerId]),
    )
  }, 60_000)

  it('drops a spoofed datagram and answers a malformed TCP length prefix with an error frame, and stays up', async () => {
    const players = gamePlayers(game)
    const before = (await players.metrics()).drops
    const spoof = createSocket('udp4')
    const [host, port] = players.addresses.udp.split(':') as [string, string]
    // A hello naming a connection that does not exist: dropped, counted, never answered.
    const datagram = Buffer.alloc(14)
    datagram.writeUInt8(1, 0) // version
    datagram.writeUInt8(1, 1) // hello
    datagram.writeUInt32BE(0xdeadbeef, 2) // connectionId
    await new Promise<void>((resolve) => spoof.send(datagram, Number(port), host, () => resolve()))
    spoof.close()
    await waitFor(
      async () => ((await players.metrics()).drops['unknown-connection'] ?? 0) > (before['unknown-connection'] ?? 0),
      {
        timeoutMs: 5_000,
        what: 'the drop counted',
      },
    )

    const [tcpHost, tcpPort] = players.addresses.tcp.split(':') as [string, string]
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(tcpPort), tcpHost, () => socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff])))
      let received = Buffer.alloc(0)
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk])
      })
      socket.on('close', () => resolve(received.subarray(4).toString('utf8')))
      socket.on('error', reject)
    })
    expect(JSON.parse(answer)).toMatchObject({ type: 'error', code: 'INVALID_ARGUMENT' })
    expect((await fetch(game.urls['game metrics']!.replace('/metrics', '/healthz'))).status).toBe(200)
  })
})
