import net from 'node:net'
import { seededRandom } from '@wired/runtime'
import { afterEach, describe, expect, it } from 'vitest'
import { sleep, until } from './clock'
import { startLossShim } from './loss-shim'

/** A TCP server that notes when each one-byte record (its value is its seq) reaches the application. */
async function startRecorder() {
  const arrivals: { seq: number; at: number }[] = []
  const server = net.createServer((socket) =>
    socket.on('data', (chunk: Buffer) => {
      for (const seq of chunk) arrivals.push({ seq, at: performance.now() })
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { arrivals, port: (server.address() as net.AddressInfo).port, close: () => server.close() }
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

describe('loss shim', () => {
  it('delivers every record, in order, holding the ones behind a lost record (head-of-line blocking)', async () => {
    const recorder = await startRecorder()
    cleanups.push(recorder.close)
    const options = { lossRate: 0.3, oneWayDelayMs: 10, retransmitAfterMs: 80, seed: 7 }
    const shim = await startLossShim({ targetPort: recorder.port, ...options })
    cleanups.push(shim.close)
    // The shim draws once per chunk from the same seeded sequence: predict which records it loses.
    const draws = seededRandom(options.seed)
    const lost = Array.from({ length: 10 }, () => draws() < options.lossRate)
    const firstLost = lost.indexOf(true)
    expect(firstLost).toBeGreaterThanOrEqual(0)
    expect(firstLost).toBeLessThan(9)

    const socket = net.connect(shim.port, '127.0.0.1')
    socket.setNoDelay(true)
    await new Promise((resolve) => socket.once('connect', resolve))
    const sentAt: number[] = []
    for (let seq = 0; seq < 10; seq++) {
      sentAt.push(performance.now())
      socket.write(Buffer.from([seq]))
      await sleep(15)
    }
    socket.end()
    expect(await until(() => recorder.arrivals.length === 10, 3_000)).toBe(true)

    expect(recorder.arrivals.map((arrival) => arrival.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(shim.lost()).toBe(lost.filter(Boolean).length)
    const arrivedAt = (seq: number) => recorder.arrivals[seq]?.at ?? Number.NaN
    const slack = 2
    // The lost record waits for its retransmission; the next one, sent 15 ms later and not
    // lost, still cannot overtake it.
    expect(arrivedAt(firstLost) - (sentAt[firstLost] ?? 0)).toBeGreaterThanOrEqual(90 - slack)
    expect(arrivedAt(firstLost + 1)).toBeGreaterThanOrEqual(arrivedAt(firstLost))
    expect(arrivedAt(firstLost + 1) - (sentAt[firstLost + 1] ?? 0)).toBeGreaterThan(options.oneWayDelayMs + 30)
  })
})
