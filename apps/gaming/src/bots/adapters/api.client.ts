/** The two REST calls a player's client makes before it plays (README: REST). */
export interface Matchmade {
  matchId: string
  ticket: string
  endsAt: number
  udp: string
  tcp: string
  ws: string
  netem: { udp: string; tcp: string; ws: string }
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(5_000) })
  const body = (await response.json().catch(() => ({}))) as {
    data?: T
    errors?: Array<{ code: string; message: string }>
  }
  if (!response.ok || body.data === undefined) {
    const error = body.errors?.[0]
    throw new Error(`${init.method} ${url}: ${response.status} ${error ? `${error.code} ${error.message}` : ''}`)
  }
  return body.data
}

export function signUp(apiUrl: string, name: string, signal?: AbortSignal) {
  return call<{ playerId: string; name: string; token: string }>(`${apiUrl}/api/players`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
    signal,
  })
}

export function matchmake(apiUrl: string, token: string, signal?: AbortSignal) {
  return call<Matchmade>(`${apiUrl}/api/matchmaking`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
    signal,
  })
}
