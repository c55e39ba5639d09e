import dgram from 'node:dgram'
import net from 'node:net'
import { seededRandom } from '@wired/runtime'
import { nowNs, sleep } from '../measure/clock'
import { encodeRecord } from '../payload'
import type { LabServer } from './lab-server'

/**
 * The sending side of the TCP vs UDP rows (plain `node:net` and `node:dgram`). Each record is
 * stamped just before the application hands it to the socket, so the receiver's latency covers
 * everything below the application: the TCP handshake (in the "first message" rows), the
 * kernel, and any loss or delay the lab induces.
 */
interface StreamParams {
  port: number
  count: number
  intervalMs: number
}

interface LossyParams extends StreamParams {
  lossRate: number
  delayMs: number
  seed: number
}

async function onSchedule(count: number, intervalMs: number, send: (seq: number) => void): Promise<void> {
  const start = performance.now()
  for (let seq = 0; seq < count; seq++) {
    const wait = start + seq * intervalMs - performance.now()
    if (wait > 0) await sleep(wait)
    send(seq)
  }
}

/** UDP with loss and delay induced in the sender: a dropped datagram is simply never sent. */
async function udpStream(params: LossyParams): Promise<{ sent: number; dropped: number }> {
  const socket = dgram.createSocket('udp4')
  const random = seededRandom(params.seed)
  let dropped = 0
  await onSchedule(params.count, params.intervalMs, (seq) => {
    const record = encodeRecord(seq, nowNs())
    if (random() < params.lossRate) {
      dropped += 1
      return
    }
    if (params.delayMs > 0) setTimeout(() => socket.send(record, params.port, '127.0.0.1'), params.delayMs)
    else socket.send(record, params.port, '127.0.0.1')
  })
  await sleep(params.delayMs + 50)
  socket.close()
  return { sent: params.count - dropped, dropped }
}

/** One TCP connection, one record per interval (Nagle off, so each write leaves at once). */
async function tcpStream(params: StreamParams): Promise<{ sent: number }> {
  const socket = net.connect(params.port, '127.0.0.1')
  socket.setNoDelay(true)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  await onSchedule(params.count, params.intervalMs, (seq) => socket.write(encodeRecord(seq, nowNs())))
  await new Promise<void>((resolve) => socket.end(resolve))
  return { sent: params.count }
}

/** A new TCP connection per record: the timestamp is taken before connect, so the 3-way handshake counts. */
async function tcpFirst(params: StreamParams): Promise<{ sent: number }> {
  for (let seq = 0; seq < params.count; seq++) {
    const sentAtNs = nowNs()
    const socket = net.connect(params.port, '127.0.0.1')
    socket.setNoDelay(true)
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
    await new Promise<void>((resolve) => socket.end(encodeRecord(seq, sentAtNs), resolve))
    await sleep(params.intervalMs)
  }
  return { sent: params.count }
}

/** A new UDP socket per record: UDP has no handshake, the first datagram is the message. */
async function udpFirst(params: StreamParams): Promise<{ sent: number }> {
  for (let seq = 0; seq < params.count; seq++) {
    const sentAtNs = nowNs()
    const socket = dgram.createSocket('udp4')
    await new Promise<void>((resolve, reject) =>
      socket.send(encodeRecord(seq, sentAtNs), params.port, '127.0.0.1', (error) =>
        error ? reject(error) : resolve(),
      ),
    )
    socket.close()
    await sleep(params.intervalMs)
  }
  return { sent: params.count }
}

export async function startDatagramSender(): Promise<LabServer> {
  return {
    port: 0,
    commands: {
      'udp-stream': (params) => udpStream(params as unknown as LossyParams),
      'tcp-stream': (params) => tcpStream(params as unknown as StreamParams),
      'tcp-first': (params) => tcpFirst(params as unknown as StreamParams),
      'udp-first': (params) => udpFirst(params as unknown as StreamParams),
    },
    close: async () => {},
  }
}
