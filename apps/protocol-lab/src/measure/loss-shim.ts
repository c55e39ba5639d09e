import net from 'node:net'
import { seededRandom } from '@wired/runtime'

/**
 * A userspace stand-in for a lossy WAN link under TCP (used because `tc netem` is not available
 * on every machine; the lab probes for it and says which it used). It forwards a TCP stream and,
 * for each chunk the sender wrote (one small record per write, Nagle off: one segment each):
 *   - delays it by `oneWayDelayMs` (the path);
 *   - with probability `lossRate`, treats it as lost and delivers it `retransmitAfterMs` later,
 *     as TCP's retransmission would (the plan explains how that delay is chosen);
 *   - never releases a chunk before the chunks in front of it: TCP hands the application bytes
 *     only in order, so every record behind a lost one waits. That wait is head-of-line blocking.
 * It uses the same seeded PRNG, one draw per record, as the UDP sender, so both lose the same
 * records.
 */
export interface LossShimOptions {
  targetPort: number
  lossRate: number
  oneWayDelayMs: number
  retransmitAfterMs: number
  seed: number
}

export interface LossShim {
  port: number
  lost(): number
  close(): Promise<void>
}

export async function startLossShim(options: LossShimOptions): Promise<LossShim> {
  const random = seededRandom(options.seed)
  const sockets = new Set<net.Socket>()
  let lost = 0
  const server = net.createServer((inbound) => {
    const outbound = net.connect(options.targetPort, '127.0.0.1')
    outbound.setNoDelay(true)
    sockets.add(inbound).add(outbound)
    // Chunks wait in arrival order, each with its release time; one timer releases the head.
    const queue: { chunk: Buffer; due: number }[] = []
    let lastRelease = 0
    let scheduled = false
    let ended = false
    const schedule = (due: number) => {
      scheduled = true
      setTimeout(release, due - performance.now())
    }
    const release = () => {
      scheduled = false
      let head = queue[0]
      while (head && head.due <= performance.now() + 0.2) {
        queue.shift()
        outbound.write(head.chunk)
        head = queue[0]
      }
      if (head) schedule(head.due)
      else if (ended) outbound.end()
    }
    inbound.on('data', (chunk: Buffer) => {
      const isLost = random() < options.lossRate
      if (isLost) lost += 1
      const due = performance.now() + options.oneWayDelayMs + (isLost ? options.retransmitAfterMs : 0)
      // In-order delivery: never before the chunk ahead of it.
      lastRelease = Math.max(due, lastRelease)
      queue.push({ chunk, due: lastRelease })
      if (!scheduled) schedule(lastRelease)
    })
    inbound.on('end', () => {
      ended = true
      if (queue.length === 0) outbound.end()
    })
    inbound.on('error', () => outbound.destroy())
    outbound.on('error', () => inbound.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    lost: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
