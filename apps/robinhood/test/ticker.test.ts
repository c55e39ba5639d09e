import { runModes, sleep, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMBOLS } from '../src/shared/symbols'
import { bootPriceSide, pricesUrls, type RunningRobinhood } from './support/system'
import { TickerReader } from './support/ticker-reader'

const RING_BATCHES = 50 // 50 × 20 ms = 1 s of resume window, so the test can outlive it

describe.each(runModes())('SSE ticker (%s)', (mode) => {
  let system: RunningRobinhood
  let ticker: string
  const readers: TickerReader[] = []
  const open = async (query: string, options: { lastEventId?: string; origin?: string } = {}) => {
    const reader = await TickerReader.open(`${ticker}?${query}`, options)
    readers.push(reader)
    return reader
  }
  const symbols = SYMBOLS.slice(0, 40).join(',')
  const seqOf = (id: string | undefined) => Number(id?.split('.')[1])

  beforeAll(async () => {
    system = await bootPriceSide(mode, { env: { TICKER_RING_BATCHES: String(RING_BATCHES) } })
    ticker = pricesUrls(system).ticker
  })
  afterAll(async () => {
    for (const reader of readers) reader.close()
    await system?.stop()
  })

  it('starts with a snapshot, then prices events whose ids increase', async () => {
    const reader = await open(`symbols=${symbols}`)
    expect(reader.status).toBe(200)
    expect(reader.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = await reader.waitFor(10)
    expect(events[0]!.event).toBe('snapshot')
    expect(Object.keys(events[0]!.data.prices as object).length).toBe(40)
    const seqs = events.slice(1).map((event) => seqOf(event.id))
    expect(events.slice(1).every((event) => event.event === 'prices')).toBe(true)
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)
    const epoch = events[0]!.data.epoch
    for (const event of events.slice(1)) expect(event.id!.startsWith(`${epoch}.`)).toBe(true)
  })

  it('resumes after a reconnect with Last-Event-ID with no gap: the same events an unbroken stream got', async () => {
    const unbroken = await open(`symbols=${symbols}`)
    const first = await open(`symbols=${symbols}`)
    await first.waitFor(6)
    first.close()
    const lastSeen = first.events.at(-1)!.id!
    await sleep(400) // disconnected: batches keep coming
    const resumed = await open(`symbols=${symbols}`, { lastEventId: lastSeen })
    await resumed.waitFor(15)
    // Replayed events first (no snapshot), then live ones: together exactly what the unbroken stream saw after lastSeen.
    expect(resumed.events[0]!.event).toBe('prices')
    const upTo = seqOf(resumed.events.at(-1)!.id)
    await waitFor(() => unbroken.events.some((event) => seqOf(event.id) >= upTo), {
      what: 'the unbroken stream to catch up',
    })
    const after = unbroken.events.filter((event) => event.event === 'prices' && seqOf(event.id) > seqOf(lastSeen))
    expect(resumed.events.map((e) => [e.id, e.data])).toEqual(
      after.filter((event) => seqOf(event.id) <= upTo).map((e) => [e.id, e.data]),
    )
  })

  it('answers an id older than the ring with an explicit snapshot event', async () => {
    const first = await open(`symbols=${symbols}`)
    await first.waitFor(3)
    first.close()
    const old = first.events.at(-1)!.id!
    await sleep(2_000) // the ring holds 1 s
    const resumed = await open(`symbols=${symbols}`, { lastEventId: old })
    const [snapshot] = await resumed.waitFor(1)
    expect(snapshot!.event).toBe('snapshot')
    expect(snapshot!.data.reason).toMatch(/older than the \d+ batches kept/)
    expect(Object.keys(snapshot!.data.prices as object).length).toBe(40)
  })

  it('refuses a foreign, future or malformed Last-Event-ID with a clear 400', async () => {
    const live = await open(`symbols=${symbols}`)
    await live.waitFor(2)
    const [epoch, seq] = live.events.at(-1)!.id!.split('.')
    for (const [id, message] of [
      ['someoneelse.12', /another market epoch/],
      [`${epoch}.${Number(seq) + 100_000}`, /ahead of the market/],
      ['garbage', /not an id this ticker issues/],
    ] as const) {
      const refused = await open(`symbols=${symbols}`, { lastEventId: id })
      expect(refused.status, id).toBe(400)
      expect(JSON.parse(refused.body)).toMatchObject({
        errors: [{ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) }],
      })
    }
  })

  it('lets the allowed page origins read it cross-origin (CORS), and no one else', async () => {
    const page = `http://127.0.0.1:${new URL(ticker).port}`
    const allowed = await open(`symbols=${SYMBOLS[0]}`, { origin: page })
    expect(allowed.headers.get('access-control-allow-origin')).toBe(page)
    const other = await open(`symbols=${SYMBOLS[0]}`, { origin: 'https://evil.example' })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('lets go of every stream whose reader went away (no listener left behind)', async () => {
    const stats = async () => (await (await fetch(`${pricesUrls(system).http}/v1/stats`)).json()).data
    await open(`symbols=${symbols}`)
    expect((await stats()).openTickers).toBeGreaterThan(0)
    for (const reader of readers) reader.close()
    await waitFor(async () => (await stats()).openTickers === 0, { what: 'every SSE stream to be released' })
  })
})
