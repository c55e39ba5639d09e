import { connect, createServer, type Socket } from 'node:net'
import type { Logger } from '@wired/runtime'
import type { HostPort } from '../config'
import { type LinkConditions, type RandomSource, sampleDelay } from '../domain/link-conditions'
import type { DirectionCounters } from '../domain/relay-metrics'
import { OrderedRelease } from '../domain/release-schedule'

/** Bytes held back (delayed, or waiting for a slow reader) before the sender is paused. */
const MAX_HELD_BYTES = 1024 * 1024

export interface StreamRelayOptions {
  bindHost: string
  port: number
  upstream: HostPort
  conditions: () => LinkConditions
  random: RandomSource
  counters: { connections: number; clientToServer: DirectionCounters; serverToClient: DirectionCounters }
  logger: Logger
}

/**
 * The TCP half of the proxy (also used for the WebSocket port: a plain byte pipe, so the HTTP
 * upgrade and every frame pass through untouched). Each chunk is held for its sampled delay but
 * never released before the chunk ahead of it (OrderedRelease): jitter becomes bursts, not
 * reordering. Nothing is dropped: on a real lossy link TCP retransmits, which the application sees
 * as delay; dropping bytes here would not model loss, it would corrupt the stream.
 */
export async function startStreamRelay(options: StreamRelayOptions) {
  const sockets = new Set<Socket>()
  // Half-open allowed on both legs: when one side finishes, the bytes still held for it are
  // delivered before its FIN is passed on (a match-result frame must not die in the proxy).
  const server = createServer({ allowHalfOpen: true }, (client) => {
    options.counters.connections++
    const upstream = connect({ port: options.upstream.port, host: options.upstream.host, allowHalfOpen: true })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.setNoDelay(true) // a game's small frames must not wait for Nagle
      socket.on('close', () => sockets.delete(socket))
      // One leg failing (reset, refused) ends the connection on both.
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    pipeDelayed(client, upstream, options, options.counters.clientToServer)
    pipeDelayed(upstream, client, options, options.counters.serverToClient)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.bindHost, () => resolve())
  })
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** One direction: source → destination, each chunk after its delay, in order, with backpressure. */
function pipeDelayed(source: Socket, destination: Socket, options: StreamRelayOptions, counters: DirectionCounters) {
  const schedule = new OrderedRelease()
  const held: Array<{ releaseAt: number; chunk: Buffer }> = []
  let heldBytes = 0
  let timer: NodeJS.Timeout | undefined
  let sourceEnded = false
  let waitingForDrain = false

  const release = () => {
    timer = undefined
    const now = Date.now()
    while (held.length > 0 && held[0]!.releaseAt <= now) {
      const { chunk } = held.shift()!
      heldBytes -= chunk.length
      counters.forwarded++
      counters.bytes += chunk.length
      // A destination that does not read fills its buffer: stop reading the source until it
      // drains, so a stalled reader slows its own sender and nobody else (TCP flow control).
      if (!destination.write(chunk) && !waitingForDrain) {
        waitingForDrain = true
        source.pause()
        destination.once('drain', () => {
          waitingForDrain = false
          if (heldBytes < MAX_HELD_BYTES) source.resume()
        })
      }
    }
    if (heldBytes < MAX_HELD_BYTES && !waitingForDrain) source.resume()
    if (held.length > 0) timer = setTimeout(release, held[0]!.releaseAt - now)
    else if (sourceEnded) destination.end()
  }

  source.on('data', (chunk: Buffer) => {
    const delayMs = sampleDelay(options.conditions(), options.random)
    held.push({ releaseAt: schedule.next(Date.now(), delayMs), chunk })
    heldBytes += chunk.length
    if (heldBytes >= MAX_HELD_BYTES) source.pause()
    // Nothing ahead and no delay: straight through, so the proxy switched off costs no timer.
    if (timer === undefined) {
      if (delayMs === 0 && held.length === 1) release()
      else timer = setTimeout(release, Math.max(0, held[0]!.releaseAt - Date.now()))
    }
  })
  source.on('end', () => {
    sourceEnded = true
    if (held.length === 0 && timer === undefined) destination.end()
  })
  // Held bytes outlive their source (it may close right after its last chunk), not their destination.
  destination.on('close', () => {
    clearTimeout(timer)
    held.length = 0
  })
}
