import { afterEach, describe, expect, it, vi } from 'vitest'
// @ts-expect-error: plain browser JavaScript, typed by its JSDoc only
import { followTrace } from '../web/follow.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A collector that has no span of the trace until `firstAfterMs`, then one. */
function collector(firstAfterMs: number) {
  const started = Date.now()
  return vi.fn(async () =>
    Date.now() - started < firstAfterMs
      ? new Response('[]', { status: 404 })
      : new Response(JSON.stringify([{ id: 'a', traceId: 't' }]), { status: 200 }),
  )
}

describe('followTrace', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('waits longer for the first span than between spans (a busy machine exports late)', async () => {
    vi.stubGlobal('fetch', collector(600))
    const seen: unknown[][] = []
    let done = false
    followTrace(
      '/wire/traces/t',
      { pollMs: 50, quietMs: 200, firstSpanMs: 2_000, maxMs: 5_000 },
      {
        spans: (spans: unknown[]) => seen.push(spans),
        problem: () => {},
        done: () => {
          done = true
        },
      },
    )
    await sleep(1_200)
    expect(seen).toHaveLength(1)
    expect(done).toBe(true) // quiet for 200 ms after that first span
  })

  it('gives up when no span comes within firstSpanMs', async () => {
    vi.stubGlobal('fetch', collector(60_000))
    let done = false
    followTrace(
      '/wire/traces/t',
      { pollMs: 50, quietMs: 200, firstSpanMs: 500, maxMs: 5_000 },
      {
        spans: () => {},
        problem: () => {},
        done: () => {
          done = true
        },
      },
    )
    await sleep(300)
    expect(done).toBe(false)
    await sleep(500)
    expect(done).toBe(true)
  })
})
