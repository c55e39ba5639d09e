import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { playerTokens } from '../src/api/domain/player-token'
import { bootLobby, type RunningLobby } from './support/lobby'

/**
 * Hostile input at the lobby's REST edge: each request gets a clear 4xx in the `{ errors: [{ code,
 * message }] }` envelope, the lobby's tables and the proxy's conditions stay as they were, and the
 * api keeps serving.
 */
describe.each(runModes())('lobby api refuses hostile input (%s)', (mode) => {
  let lobby: RunningLobby
  let token: string

  beforeAll(async () => {
    lobby = await bootLobby(mode)
    token = (await lobby.signUp('Honest')).token
    expect((await lobby.matchmake(token)).status).toBe(200)
  })
  afterAll(async () => {
    await lobby?.stop()
  })

  /** Sends the request, expects the status and code, and checks nothing in the lobby changed. */
  const refused = async (
    status: number,
    code: string,
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const before = await lobby.lobbyRows()
    const reply = await lobby.request(method, path, init)
    expect({ path, status: reply.status, code: reply.body.errors?.[0]?.code }).toEqual({ path, status, code })
    expect(reply.body.errors![0]!.message.length).toBeGreaterThan(0)
    expect(await lobby.lobbyRows()).toEqual(before)
    return reply
  }

  it('refuses bad player names, wrong types, unknown fields and oversize bodies', async () => {
    for (const name of ['', ' Ada', 'Ada ', 'x'.repeat(21), '<script>', 'Ada;DROP', 'Zoë'])
      await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/players', { body: { name } })
    await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/players', { body: { name: 42 } })
    await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/players', { body: {} })
    await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/players', { body: { name: 'Ada', admin: true } })
    await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/players', { body: '{"name": "Ada"' })
    await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/players', { body: ['Ada'] })
    await refused(413, 'PAYLOAD_TOO_LARGE', 'POST', '/api/players', { body: { name: 'A'.repeat(64 * 1024) } })
    await refused(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST', '/api/players', {
      body: 'name=Ada',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  })

  it('refuses matchmaking without a valid token, for a player that does not exist, or with a body', async () => {
    const none = await refused(401, 'UNAUTHENTICATED', 'POST', '/api/matchmaking', { body: {} })
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    const bearer = (value: string) => ({ body: {}, headers: { authorization: `Bearer ${value}` } })
    await refused(401, 'UNAUTHENTICATED', 'POST', '/api/matchmaking', bearer('not-a-token'))
    await refused(401, 'UNAUTHENTICATED', 'POST', '/api/matchmaking', {
      body: {},
      headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    })
    const [playerId, expires, mac] = token.split('.') as [string, string, string]
    const forged = playerTokens('some other deployment secret, long enough').issue(playerId)
    await refused(401, 'UNAUTHENTICATED', 'POST', '/api/matchmaking', bearer(forged))
    await refused(
      401,
      'UNAUTHENTICATED',
      'POST',
      '/api/matchmaking',
      bearer(`${playerId}.${Number(expires) + 1}.${mac}`),
    )
    // Signed with the real secret, for a player nobody signed up: still no seat.
    const ghost = playerTokens(lobby.env.GRPC_SECRET!).issue('p_ghost')
    await refused(401, 'UNAUTHENTICATED', 'POST', '/api/matchmaking', bearer(ghost))
    await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/matchmaking', { ...bearer(token), body: { matchId: 'm_x' } })
    await refused(400, 'INVALID_ARGUMENT', 'POST', '/api/matchmaking', { ...bearer(token), body: [] })
  })

  it('answers unknown and malformed ids, and bad leaderboard limits, with 404 and 400', async () => {
    await refused(404, 'NOT_FOUND', 'GET', '/api/matches/m_nobody')
    await refused(400, 'INVALID_ARGUMENT', 'GET', `/api/matches/${encodeURIComponent('m 1;')}`)
    await refused(404, 'NOT_FOUND', 'GET', '/api/players/p_nobody/stats')
    await refused(400, 'INVALID_ARGUMENT', 'GET', '/api/players/robert%27)--/stats')
    for (const limit of ['0', '101', '-1', '1e2', 'ten', ''])
      await refused(400, 'INVALID_ARGUMENT', 'GET', `/api/leaderboards/points?limit=${limit}`)
    await refused(400, 'INVALID_ARGUMENT', 'GET', '/api/leaderboards/points?limit=5&offset=3')
    await refused(404, 'NOT_FOUND', 'GET', '/api/leaderboards/kills')
  })

  it('refuses link conditions out of range or of the wrong type, and the proxy keeps its own', async () => {
    const conditions = async () => (await lobby.request('GET', '/api/netem')).body.data
    const start = await conditions()
    expect(start).toEqual({ dropPercent: 0, delayMs: 0, jitterMs: 0 })
    const good = { dropPercent: 0, delayMs: 0, jitterMs: 0 }
    for (const body of [
      { ...good, dropPercent: 51 },
      { ...good, dropPercent: -1 },
      { ...good, delayMs: 1001 },
      { ...good, delayMs: 2.5 },
      { ...good, jitterMs: 501 },
      { ...good, jitterMs: '10' },
      { dropPercent: 10, delayMs: 0 },
      { ...good, lossModel: 'gilbert' },
      [good],
    ])
      await refused(400, 'INVALID_ARGUMENT', 'PUT', '/api/netem', { body })
    expect(await conditions()).toEqual(start)
    // What the api refuses, the proxy refuses too (it is reachable by anyone who finds its port).
    const direct = await fetch(`${lobby.urls['netem control']}/conditions`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...good, dropPercent: 80 }),
    })
    expect(direct.status).toBe(400)
    expect(((await direct.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain(
      'dropPercent',
    )
    expect(await conditions()).toEqual(start)
  })

  it('is still up and serving after all of it', async () => {
    expect((await lobby.request('GET', '/healthz')).status).toBe(200)
    const reply = await lobby.matchmake(token)
    expect(reply.status).toBe(200)
    expect((await lobby.request('GET', '/api/lobby')).status).toBe(200)
  })
})
