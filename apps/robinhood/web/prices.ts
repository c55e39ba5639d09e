/**
 * The browser client of the price gateway, bundled by the gateway and served as `/prices.js`
 * (an ES module). Any page may import it, including the trading page on the api's origin:
 *
 *   import { connectPrices, openTicker, formatCents } from 'http://<prices host>/prices.js'
 *
 * connectPrices: the WebSocket (a session token is required; JSON or protobuf frames).
 * openTicker:    the public SSE ticker (EventSource; resumes by itself with Last-Event-ID).
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf'
import { ClientFrameSchema, type ServerFrame, ServerFrameSchema } from '@wired/proto/es/robinhood/v1/prices_pb'

export const SUBPROTOCOLS = { json: 'prices.json.v1', protobuf: 'prices.protobuf.v1' } as const
export type Encoding = keyof typeof SUBPROTOCOLS
/** Symbol → price in integer cents. */
export type Prices = Record<string, number>

export interface PriceMeta {
  kind: 'snapshot' | 'prices'
  epoch?: string
  seq?: number
  /** When the market made the newest batch in this frame (ms since the Unix epoch). */
  atMs?: number
  /** When the oldest change in this frame was made: Date.now() − firstAtMs is its worst staleness. */
  firstAtMs?: number
}

export interface PriceSocketOptions {
  /** ws://host:port/ws of the price gateway. */
  url: string
  /** A session token (POST /v1/accounts on the api answers one). */
  token: string
  encoding: Encoding
  onPrices(prices: Prices, meta: PriceMeta): void
  /** The socket's whole subscription set, after every subscribe or unsubscribe. */
  onSubscribed?(symbols: string[]): void
  onError?(code: string, message: string): void
  /** 'open', or 'closed <code> <reason>'. */
  onStatus?(status: string): void
}

export interface PriceSocket {
  subscribe(symbols: string[], trace?: string): void
  unsubscribe(symbols: string[], trace?: string): void
  close(): void
  /** Bytes and frames received so far (the page divides by time for bytes/s). */
  readonly received: { bytes: number; frames: number; updates: number }
}

/**
 * Opens a price socket. The token travels as the `bearer.<token>` subprotocol (the browser
 * WebSocket API cannot set headers), the encoding as the other offered subprotocol.
 */
export function connectPrices(options: PriceSocketOptions): PriceSocket {
  const received = { bytes: 0, frames: 0, updates: 0 }
  const socket = new WebSocket(options.url, [SUBPROTOCOLS[options.encoding], `bearer.${options.token}`])
  socket.binaryType = 'arraybuffer'
  const queue: Array<string | Uint8Array> = []
  socket.onopen = () => {
    options.onStatus?.('open')
    for (const frame of queue.splice(0)) socket.send(frame)
  }
  socket.onclose = (event) => options.onStatus?.(`closed ${event.code} ${event.reason}`)
  socket.onmessage = (event) => {
    received.frames += 1
    if (typeof event.data === 'string') {
      received.bytes += new TextEncoder().encode(event.data).byteLength
      onJson(JSON.parse(event.data))
    } else {
      const bytes = new Uint8Array(event.data as ArrayBuffer)
      received.bytes += bytes.byteLength
      onProtobuf(fromBinary(ServerFrameSchema, bytes))
    }
  }

  function deliver(prices: Prices, meta: PriceMeta) {
    received.updates += Object.keys(prices).length
    options.onPrices(prices, meta)
  }
  function onJson(frame: Record<string, unknown>) {
    if (frame.type === 'prices') {
      const { epoch, seq, atMs, firstAtMs } = frame as unknown as PriceMeta
      deliver(frame.prices as Prices, { kind: 'prices', epoch, seq, atMs, firstAtMs })
    } else if (frame.type === 'subscribed') {
      options.onSubscribed?.(frame.symbols as string[])
      deliver(frame.snapshot as Prices, { kind: 'snapshot' })
    } else if (frame.type === 'error') options.onError?.(String(frame.code), String(frame.message))
  }
  function onProtobuf(frame: ServerFrame) {
    const kind = frame.kind
    if (kind.case === 'prices') {
      const { epoch, seq, atMs, firstAtMs, prices } = kind.value
      const map: Prices = {}
      for (const price of prices) map[price.symbol] = Number(price.priceCents)
      deliver(map, { kind: 'prices', epoch, seq: Number(seq), atMs: Number(atMs), firstAtMs: Number(firstAtMs) })
    } else if (kind.case === 'subscribed') {
      options.onSubscribed?.(kind.value.symbols)
      const map: Prices = {}
      for (const price of kind.value.snapshot) map[price.symbol] = Number(price.priceCents)
      deliver(map, { kind: 'snapshot' })
    } else if (kind.case === 'error') options.onError?.(kind.value.code, kind.value.message)
  }
  function send(type: 'subscribe' | 'unsubscribe', symbols: string[], trace?: string) {
    const frame =
      options.encoding === 'json'
        ? JSON.stringify(trace ? { type, symbols, trace } : { type, symbols })
        : toBinary(
            ClientFrameSchema,
            create(ClientFrameSchema, { action: { case: type, value: { symbols } }, trace: trace ?? '' }),
          )
    if (socket.readyState === WebSocket.OPEN) socket.send(frame)
    else queue.push(frame)
  }
  return {
    subscribe: (symbols, trace) => send('subscribe', symbols, trace),
    unsubscribe: (symbols, trace) => send('unsubscribe', symbols, trace),
    close: () => socket.close(1000, 'page closed it'),
    received,
  }
}

export interface TickerOptions {
  /** http://host:port of the price gateway. */
  baseUrl: string
  symbols: string[]
  onPrices(prices: Prices, meta: PriceMeta & { id: string }): void
  /** 'open', 'reconnecting', or 'failed' (the stream was refused: a bad symbol or a foreign id). */
  onStatus?(status: string): void
}

/** The public SSE ticker: no token; the browser resumes after a drop with Last-Event-ID by itself. */
export function openTicker(options: TickerOptions): { close(): void } {
  const url = `${options.baseUrl}/v1/ticker?symbols=${options.symbols.map(encodeURIComponent).join(',')}`
  const source = new EventSource(url)
  const on = (kind: 'snapshot' | 'prices') => (event: MessageEvent<string>) => {
    const data = JSON.parse(event.data) as { epoch?: string; seq?: number; atMs?: number; prices: Prices }
    options.onPrices(data.prices, { kind, epoch: data.epoch, seq: data.seq, atMs: data.atMs, id: event.lastEventId })
  }
  source.addEventListener('snapshot', on('snapshot'))
  source.addEventListener('prices', on('prices'))
  source.onopen = () => options.onStatus?.('open')
  source.onerror = () => options.onStatus?.(source.readyState === EventSource.CLOSED ? 'failed' : 'reconnecting')
  return { close: () => source.close() }
}

/** 12345 → "$123.45". */
export const formatCents = (cents: number): string =>
  `$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`
