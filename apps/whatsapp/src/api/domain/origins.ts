/**
 * CORS allow-list matching. An entry is an exact origin (`https://chat.example`) or, for local
 * runs where ports are picked at random, a host with any port (`http://127.0.0.1:*`), or `*` for
 * any origin (tests and local experiments only).
 */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    if (entry === origin || entry === '*') return true
    if (!entry.endsWith(':*')) return false
    const prefix = entry.slice(0, -1)
    return origin.startsWith(prefix) && /^[0-9]{1,5}$/.test(origin.slice(prefix.length))
  })
}
