/**
 * Follows one trace: polls the page's own `/wire/traces/<id>` (Zipkin v2 JSON) until it goes
 * quiet. Spans arrive in batches a few hundred ms after each hop ended (the services export
 * every 200 ms), so a trace is "finished" once nothing new came for a while; a hard cap stops
 * a trace that never settles (a chat that keeps talking in the same trace).
 *
 * @typedef {import('./layout.js').ZipkinSpan} ZipkinSpan
 * @typedef {object} Timing
 * @property {number} pollMs between the end of one poll and the next
 * @property {number} quietMs stop when no new span arrived for this long, once one has
 * @property {number} firstSpanMs stop when no span at all arrived for this long: the first hop
 *   can be slow to show (a busy machine, a service's first export), so it gets more time
 * @property {number} maxMs stop after this long in all
 * @typedef {object} FollowListener
 * @property {(spans: ZipkinSpan[]) => void} spans more spans arrived: all of them so far
 * @property {(problem: string | undefined) => void} problem the last poll failed (undefined: it did not)
 * @property {() => void} done polling stopped on its own
 */

export const DEFAULT_TIMING = { pollMs: 400, quietMs: 5_000, firstSpanMs: 20_000, maxMs: 30_000 }

/**
 * @param {string} url
 * @param {Timing} timing
 * @param {FollowListener} listener
 * @returns {{ stop(): void }}
 */
export function followTrace(url, timing, listener) {
  const startedAt = Date.now()
  let lastNewAt = startedAt
  let seen = 0
  let stopped = false
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer
  /** @type {AbortController | undefined} */
  let inFlight

  const poll = async () => {
    inFlight = new AbortController()
    let problem
    try {
      const answer = await fetch(url, {
        cache: 'no-store',
        headers: { accept: 'application/json' },
        signal: inFlight.signal,
      })
      // 404: no span of this trace reached the collector yet.
      if (answer.ok) {
        const spans = await answer.json()
        if (Array.isArray(spans) && spans.length > seen) {
          seen = spans.length
          lastNewAt = Date.now()
          if (!stopped) listener.spans(spans)
        }
      } else if (answer.status !== 404) problem = `the trace endpoint answered HTTP ${answer.status}`
    } catch {
      problem = 'the trace endpoint could not be reached'
    }
    if (stopped) return
    listener.problem(problem)
    const now = Date.now()
    const quietMs = seen === 0 ? timing.firstSpanMs : timing.quietMs
    if (now - lastNewAt >= quietMs || now - startedAt >= timing.maxMs) {
      stopped = true
      listener.done()
    } else timer = setTimeout(poll, timing.pollMs)
  }
  poll()

  return {
    stop() {
      stopped = true
      clearTimeout(timer)
      inFlight?.abort()
    },
  }
}
