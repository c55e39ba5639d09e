import { readFileSync } from 'node:fs'
import { ServerFrame } from '@wired/proto/robinhood/v1/prices'
import { WebSocket } from 'ws'

export type Encoding = 'json' | 'protobuf'

/** What a fleet of price sockets saw in the measured window. */
export interface FleetSample {
  /** now − firstAtMs per frame: the oldest change's wait (throttling included). */
  oldestMs: number[]
  /** now − atMs per frame: the newest change's wait. */
  newestMs: number[]
  bytes: Record<Encoding, number>
  updates: Record<Encoding, number>
  frames: number
}

/**
 * Opens `count` price sockets (alternating JSON and protobuf), each subscribed to `symbolsEach`
 * symbols, and records every price frame's latency from the market's timestamps once `measuring`
 * is set. The fleet runs in this process: the load generator's own CPU is on the same 2 cores.
 */
export async function openFleet(options: {
  url: string
  count: number
  symbolsEach: number
  symbols: readonly string[]
  protocols: (encoding: Encoding) => string[]
  subscribe: boolean
  /** Which encoding socket i speaks; default alternating JSON and protobuf. */
  encodingOf?: (i: number) => Encoding
}) {
  const sample: FleetSample = {
    oldestMs: [],
    newestMs: [],
    bytes: { json: 0, protobuf: 0 },
    updates: { json: 0, protobuf: 0 },
    frames: 0,
  }
  let measuring = false
  const sockets: WebSocket[] = []
  const opening: Array<Promise<void>> = []
  for (let i = 0; i < options.count; i++) {
    const encoding: Encoding = options.encodingOf?.(i) ?? (i % 2 === 0 ? 'json' : 'protobuf')
    const socket = new WebSocket(options.url, options.protocols(encoding), { perMessageDeflate: false })
    sockets.push(socket)
    socket.on('message', (data: Buffer, isBinary) => {
      if (!measuring) return
      const now = Date.now()
      let atMs: number
      let firstAtMs: number
      let updates: number
      if (isBinary) {
        const kind = ServerFrame.decode(data).kind
        if (kind?.$case !== 'prices') return
        ;({ atMs, firstAtMs } = kind.value)
        updates = kind.value.prices.length
      } else {
        const frame = JSON.parse(data.toString())
        if (frame.type !== 'prices') return
        ;({ atMs, firstAtMs } = frame)
        updates = Object.keys(frame.prices).length
      }
      sample.oldestMs.push(now - firstAtMs)
      sample.newestMs.push(now - atMs)
      sample.bytes[encoding] += data.length
      sample.updates[encoding] += updates
      sample.frames += 1
    })
    opening.push(
      new Promise<void>((resolve, reject) => {
        socket.once('open', () => {
          if (options.subscribe) {
            const start = (i * 7) % (options.symbols.length - options.symbolsEach)
            const symbols = options.symbols.slice(start, start + options.symbolsEach)
            socket.send(JSON.stringify({ type: 'subscribe', symbols }))
          }
          resolve()
        })
        socket.once('error', reject)
      }),
    )
    // Open in waves: a thousand simultaneous handshakes would measure the accept queue, not prices.
    if (i % 100 === 99) await Promise.all(opening.slice(-100))
  }
  await Promise.all(opening)
  return {
    sample,
    measure(on: boolean) {
      measuring = on
    },
    close() {
      for (const socket of sockets) socket.terminate()
    },
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ = 100)
}
