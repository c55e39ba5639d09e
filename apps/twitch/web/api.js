/**
 * REST calls to the api. Every answer is the `{ data, errors }` envelope. The user's bearer token
 * lives in sessionStorage: gone when the tab closes, never shared between tabs, so a streamer tab
 * and a viewer tab in one browser are two different people.
 */
const USER = 'twitch.user'
const TOKEN = 'twitch.token'

export const session = {
  /** @returns {{ userId: string, name: string } | undefined} */
  user: () => JSON.parse(sessionStorage.getItem(USER) ?? 'null') ?? undefined,
  token: () => sessionStorage.getItem(TOKEN) ?? undefined,
  set(user) {
    sessionStorage.setItem(USER, JSON.stringify({ userId: user.userId, name: user.name }))
    sessionStorage.setItem(TOKEN, user.token)
  },
  clear() {
    sessionStorage.removeItem(USER)
    sessionStorage.removeItem(TOKEN)
  },
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

/** POST /api/users: the name is also the channel's name (3–24 of a-z, 0-9, _). */
export async function signUp(name, traceparent) {
  const user = await call('POST', '/api/users', { body: { name }, traceparent })
  session.set(user)
  return user
}

/** Text into the page only through textContent: whatever a chatter typed shows as text. */
export function element(tag, text, className) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}
