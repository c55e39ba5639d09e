/**
 * REST calls to the api (lobby, matchmaking, stats, leaderboards, the loss proxy's conditions).
 * Every answer is the `{ data, errors }` envelope; the player's bearer token lives in
 * sessionStorage, so it is gone when the tab closes and never shared between tabs.
 */
const TOKEN = 'gaming.token'
const PLAYER = 'gaming.player'
const MATCH = 'gaming.match'

export const session = {
  /** @returns {{ playerId: string, name: string, token: string } | undefined} */
  player: () => JSON.parse(sessionStorage.getItem(PLAYER) ?? 'null') ?? undefined,
  setPlayer(player) {
    sessionStorage.setItem(PLAYER, JSON.stringify({ playerId: player.playerId, name: player.name }))
    sessionStorage.setItem(TOKEN, player.token)
  },
  token: () => sessionStorage.getItem(TOKEN) ?? undefined,
  /** The matchmaking answer (matchId, ticket, endsAt, ws, netem.ws, …) the game page plays. */
  match: () => JSON.parse(sessionStorage.getItem(MATCH) ?? 'null') ?? undefined,
  setMatch: (match) => sessionStorage.setItem(MATCH, JSON.stringify(match)),
}

/**
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, traceparent?: string }} [options] traceparent: from the wire panel
 */
export async function call(method, path, { body, traceparent } = {}) {
  const headers = {}
  const token = session.token()
  if (token) headers.authorization = `Bearer ${token}`
  if (traceparent) headers.traceparent = traceparent
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(path, {
    method,
    headers,
    cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const envelope = await response.json().catch(() => ({}))
  if (!response.ok || envelope.errors?.length) {
    const first = envelope.errors?.[0] ?? { code: 'UNAVAILABLE', message: response.statusText }
    throw Object.assign(new Error(`${response.status} ${first.code}: ${first.message}`), {
      status: response.status,
      code: first.code,
    })
  }
  return envelope.data
}
