import { hopIs, hopsInOrder, newTraceparent, runModes, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMBOLS } from '../src/shared/symbols'
import { PriceSocket } from './support/prices-client'
import { bootPriceSide, pricesUrls, type RunningRobinhood } from './support/system'

const is = hopIs

describe.each(runModes())('the wire view of the price gateway (%s)', (mode) => {
  let system: RunningRobinhood
  const sockets: PriceSocket[] = []

  beforeAll(async () => {
    system = await bootPriceSide(mode)
  })
  afterAll(async () => {
    for (const socket of sockets) socket.close()
    await system?.stop()
  })

  it.each(['json', 'protobuf'] as const)(
    'shows a traced subscribe: WS frame in → HGETALL prices:last → WS frame out (%s)',
    async (encoding) => {
      const socket = await PriceSocket.open(pricesUrls(system).ws, system.token('acct-wire'), encoding)
      sockets.push(socket)
      const { traceId, traceparent } = newTraceparent()
      const answer = await socket.request('subscribe', [SYMBOLS[7]!, SYMBOLS[8]!], 'traced', traceparent)
      expect(answer.type).toBe('subscribed')

      const path = [
        is('ws', 'SERVER', 'subscribe', /prices/),
        is('redis', 'CLIENT', 'HGETALL', /prices/),
        is('ws', 'PRODUCER', 'subscribed', /prices/),
      ]
      const hops = await waitForTrace(pricesUrls(system).wire!, traceId, (seen) => hopsInOrder(seen, path))
      const read = hops.find(path[1]!)!
      expect(JSON.stringify(read.tags)).toContain('prices:last')
      const sent = hops.find(path[2]!)!
      expect(sent.tags['wire.ws.frame_type']).toBe('subscribed')
      // The hop's size is the frame's: a protobuf frame is a hop too, though it carries no traceparent.
      if (encoding === 'protobuf') expect(Number(sent.tags['wire.bytes'])).toBe(answer.bytes)
      else expect(Number(sent.tags['wire.bytes'])).toBeGreaterThan(0)
    },
  )
})
