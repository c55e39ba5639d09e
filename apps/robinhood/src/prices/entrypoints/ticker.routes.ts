import type { FastifyInstance } from 'fastify'
import type { TickBatch } from '../../shared/market-feed'
import { symbolsFromQuery } from '../domain/symbol-list'
import { eventIdOf, type Resume } from '../domain/ticker-ring'
import type { PriceStream } from '../use-cases/stream-prices'

const KEEP_ALIVE_MS = 15_000

/**
 * GET /v1/ticker?symbols=A,B,C — Server-Sent Events for read-only widgets. Public: market prices
 * are public data, and a widget on a page without a session (a landing page, a TV in the office)
 * must be able to show them; nothing here reveals or changes an account.
 *
 *   event: snapshot   id: <epoch>.<seq>   data: {"epoch","seq","prices":{SYM:cents},"reason"?}
 *   event: prices     id: <epoch>.<seq>   data: {"epoch","seq","atMs","prices":{SYM:cents}}
 *
 * One `prices` event per market batch that touched a followed symbol, not throttled: its id is
 * then an exact resume point. The browser's EventSource reconnects on its own with
 * Last-Event-ID, and the stream replays what it missed from the ring (or sends a snapshot when
 * the id is older than the ring); an id this market never issued is a 400.
 */
export function tickerRoutes(
  app: FastifyInstance,
  stream: PriceStream,
  options: { maxSymbols: number; holdBackBytes: number },
) {
  const open = new Set<() => void>()

  app.get('/v1/ticker', { config: { rateLimit: { max: 120, timeWindow: 60_000 } } }, async (request, reply) => {
    const symbols = new Set(symbolsFromQuery((request.query as Record<string, unknown>).symbols, options.maxSymbols))
    const lastEventId = request.headers['last-event-id']
    // Validated before any byte is written, so a bad id is a plain 400 with the error envelope.
    const resume: Resume | undefined =
      typeof lastEventId === 'string' && lastEventId !== '' ? stream.ring.resumeAfter(lastEventId) : undefined

    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>), // CORS headers set by the onRequest hook
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no', // a buffering proxy would hold events back
    })
    const write = (event: string, id: string | undefined, data: object) =>
      raw.write(`event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`)
    const pricesOf = (batch: TickBatch) => {
      const prices: Record<string, number> = {}
      let any = false
      for (const tick of batch.ticks)
        if (symbols.has(tick.symbol)) {
          prices[tick.symbol] = tick.priceCents
          any = true
        }
      return any ? prices : undefined
    }
    const sendBatch = (batch: TickBatch) => {
      const prices = pricesOf(batch)
      if (prices)
        write('prices', eventIdOf(batch.epoch, batch.seq), {
          epoch: batch.epoch,
          seq: batch.seq,
          atMs: batch.atMs,
          prices,
        })
      // A reader that stopped reading: end the stream rather than buffer for it. Its EventSource
      // reconnects with Last-Event-ID and resumes from the ring, or gets a snapshot.
      if (raw.writableLength > options.holdBackBytes) close()
    }

    raw.write('retry: 1000\n\n')
    if (resume?.kind === 'replay') for (const batch of resume.batches) sendBatch(batch)
    else {
      const prices = Object.fromEntries(
        [...symbols].flatMap((s) => (stream.board.has(s) ? [[s, stream.board.get(s)]] : [])),
      )
      const reason = resume?.kind === 'snapshot' ? resume.reason : undefined
      write('snapshot', stream.ring.latestId, { epoch: stream.ring.epoch, seq: stream.ring.latestSeq, prices, reason })
    }
    // Same tick as the replay: no batch can slip between the ring and the live listener.
    const unlisten = stream.onEveryBatch(sendBatch)
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
    function close() {
      unlisten()
      clearInterval(keepAlive)
      open.delete(close)
      raw.end()
    }
    open.add(close)
    // The response's 'close': the connection went away (the request's fires when its body is read).
    raw.on('close', close)
  })

  return {
    get openStreams() {
      return open.size
    },
    /** Ends every open stream (at shutdown: server.close() would otherwise wait for them). */
    closeAll() {
      for (const close of [...open]) close()
    },
  }
}
