import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { SYMBOLS } from '../src/shared/symbols'
import { PriceSocket, SUBPROTOCOL, upgradeRefusal } from './support/prices-client'
import { bootPriceSide, pricesUrls, type RunningRobinhood } from './support/system'

describe.each(runModes())('price gateway hostile input (%s)', (mode) => {
  let system: RunningRobinhood
  let urls: ReturnType<typeof pricesUrls>
  const sockets: PriceSocket[] = []
  const open = async (encoding: 'json' | 'protobuf') => {
    const socket = await PriceSocket.open(urls.ws, system.token('acct-hostile'), encoding)
    sockets.push(socket)
    return socket
  }
  /** The socket still works and its subscriptions are exactly `expected` (unsubscribing a symbol it never had answers the whole set). */
  const subscriptionsAre = async (socket: PriceSocket, expected: string[]) => {
    const answer = await socket.request('unsubscribe', [SYMBOLS[499]!], `check-${socket.frames.length}`)
    expect(answer).toMatchObject({ type: 'subscribed', symbols: expected })
  }

  beforeAll(async () => {
    system = await bootPriceSide(mode)
    urls = pricesUrls(system)
  })
  afterAll(async () => {
    for (const socket of sockets) socket.close()
    await system?.stop()
  })

  it('refuses an upgrade without a token or with a bad one with 401, before any socket opens', async () => {
    const missing = await upgradeRefusal(urls.ws, [SUBPROTOCOL.json])
    expect(missing.status).toBe(401)
    expect(JSON.parse(missing.body)).toMatchObject({
      errors: [{ code: 'UNAUTHENTICATED', message: 'missing bearer token' }],
    })
    const forged = system.token('acct-x').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    for (const token of [forged, 'not-a-token', `acct.1.${'A'.repeat(43)}`])
      expect((await upgradeRefusal(urls.ws, [SUBPROTOCOL.json, `bearer.${token}`])).status, token).toBe(401)
  })

  it('refuses an upgrade from a page on another origin with 403', async () => {
    const refused = await upgradeRefusal(urls.ws, [SUBPROTOCOL.json, `bearer.${system.token('acct-x')}`], {
      origin: 'https://evil.example',
    })
    expect(refused.status).toBe(403)
  })

  it.each(['json', 'protobuf'] as const)(
    'answers 1,000 subscriptions on one socket with a clear error and changes nothing (%s)',
    async (encoding) => {
      const socket = await open(encoding)
      await socket.request('subscribe', SYMBOLS.slice(0, 3), 'first')
      const thousand = Array.from({ length: 1_000 }, (_, i) => SYMBOLS[i % SYMBOLS.length]!)
      expect(await socket.request('subscribe', thousand, 'many')).toMatchObject({
        type: 'error',
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/at most 50 symbols per socket/),
        ref: 'many',
      })
      // 48 more would pass the per-request check but not the per-socket total (3 + 48 > 50).
      expect(await socket.request('subscribe', SYMBOLS.slice(10, 58), 'over')).toMatchObject({
        type: 'error',
        message: expect.stringMatching(/at most 50 symbols per socket; 3 subscribed, 48 more asked/),
      })
      await subscriptionsAre(socket, SYMBOLS.slice(0, 3))
    },
  )

  it('refuses unknown symbols, wrong types and unknown frames, and changes nothing', async () => {
    const socket = await open('json')
    await socket.request('subscribe', SYMBOLS.slice(0, 2), 'first')
    const cases: Array<[object, RegExp]> = [
      [{ type: 'subscribe', symbols: [SYMBOLS[5], 'NOPE!'], id: 'a' }, /unknown symbol 'NOPE!'/],
      [{ type: 'subscribe', symbols: 'AAA', id: 'b' }, /non-empty array/],
      [{ type: 'subscribe', symbols: [], id: 'c' }, /non-empty array/],
      [{ type: 'subscribe', symbols: [42], id: 'd' }, /must be a string/],
      [{ type: 'buy', symbols: [SYMBOLS[5]], id: 'e' }, /unknown frame type 'buy'/],
    ]
    for (const [frame, message] of cases) {
      socket.socket.send(JSON.stringify(frame))
      const ref = (frame as { id: string }).id
      expect(await socket.next((f) => f.type === 'error' && f.ref === ref)).toMatchObject({
        message: expect.stringMatching(message),
      })
    }
    socket.socket.send('{"type": "subscribe", ')
    expect(await socket.next((f) => f.type === 'error' && /not valid JSON/.test(f.message))).toBeTruthy()
    await subscriptionsAre(socket, SYMBOLS.slice(0, 2))
  })

  it('answers malformed protobuf frames with a protobuf error frame; the socket stays usable and unchanged', async () => {
    const socket = await open('protobuf')
    await socket.request('subscribe', SYMBOLS.slice(0, 2), 'first')
    const before = socket.frames.length
    socket.socket.send(Buffer.from([0x0a, 0xff, 0xff, 0xff])) // field 1, a length running past the end
    socket.socket.send(Buffer.from([0x1a, 0x00])) // a valid ClientFrame that asks for nothing
    socket.socket.send('{"type":"subscribe","symbols":["' + SYMBOLS[9] + '"],"id":"text-in-protobuf-mode"}')
    await socket.next((f) => f.type === 'error' && /malformed protobuf/.test(f.message))
    await socket.next((f) => f.type === 'error' && /must set subscribe or unsubscribe/.test(f.message))
    // Every error came back as a binary ServerFrame (decoded above), none as JSON text.
    expect(socket.frames.slice(before).filter((f) => f.type === 'error').length).toBeGreaterThanOrEqual(2)
    // A JSON frame is still understood in protobuf mode (same handler), so the text subscribe counts.
    await socket.next((f) => f.type === 'subscribed' && f.ref === 'text-in-protobuf-mode')
    await subscriptionsAre(socket, [...SYMBOLS.slice(0, 2), SYMBOLS[9]!])
  })

  it('closes a socket that floods frames with 1008, and one sending an oversize frame with 1009', async () => {
    const flooder = await open('json')
    const closed = new Promise<number>((resolve) => flooder.socket.once('close', (code) => resolve(code)))
    for (let i = 0; i < 100; i++) flooder.send('unsubscribe', [SYMBOLS[0]!])
    expect(await closed).toBe(1008)
    const big = await open('json')
    const closedBig = new Promise<number>((resolve) => big.socket.once('close', (code) => resolve(code)))
    big.socket.send('x'.repeat(64 * 1024))
    expect(await closedBig).toBe(1009)
    // The gateway is still up for everyone else.
    const after = await open('json')
    expect(await after.request('subscribe', [SYMBOLS[0]!], 'alive')).toMatchObject({ type: 'subscribed' })
  })

  it('closes a socket offering an unknown subprotocol with 1008 and a reason naming the right ones', async () => {
    const socket = new WebSocket(urls.ws, ['prices.xml.v9', `bearer.${system.token('acct-x')}`])
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      socket.once('close', (c, r) => resolve([c, r.toString()])),
    )
    expect(code).toBe(1008)
    expect(reason).toMatch(/prices\.json\.v1 or prices\.protobuf\.v1/)
  })

  it('refuses a ticker without symbols, with unknown ones, or with too many, with a 400', async () => {
    for (const [query, message] of [
      ['', /symbols is required/],
      ['symbols=NOPE!', /unknown symbol/],
      [`symbols=${SYMBOLS.slice(0, 51).join(',')}`, /at most 50 symbols/],
    ] as const) {
      const answer = await fetch(`${urls.ticker}?${query}`)
      expect(answer.status, query).toBe(400)
      expect(await answer.json()).toMatchObject({
        errors: [{ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) }],
      })
    }
  })
})
