import dgram from 'node:dgram'
import net from 'node:net'
import { nowNs, nsToMs } from '../measure/clock'
import { decodeRecord, RECORD_BYTES } from '../payload'

/**
 * The receiving side of the TCP vs UDP rows. UDP: one datagram is one record. TCP: the byte
 * stream is cut back into fixed-size records (TCP keeps order, not message boundaries).
 * Each record's one-way latency goes to `onRecord` the moment the application can read it.
 */
export interface DatagramReceiver {
  tcpPort: number
  udpPort: number
  close(): Promise<void>
}

export type RecordHandler = (seq: number, latencyMs: number) => void

export async function startDatagramReceiver(onRecord: RecordHandler): Promise<DatagramReceiver> {
  const deliver = (record: Buffer) => {
    const { seq, sentAtNs } = decodeRecord(record)
    onRecord(seq, nsToMs(nowNs() - sentAtNs))
  }
  const sockets = new Set<net.Socket>()
  const tcp = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      while (pending.length >= RECORD_BYTES) {
        deliver(pending.subarray(0, RECORD_BYTES))
        pending = pending.subarray(RECORD_BYTES)
      }
    })
  })
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
  const udp = dgram.createSocket('udp4')
  udp.on('message', (message) => {
    if (message.length === RECORD_BYTES) deliver(message)
  })
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
  return {
    tcpPort: (tcp.address() as net.AddressInfo).port,
    udpPort: udp.address().port,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => tcp.close(() => resolve()))
      await new Promise<void>((resolve) => udp.close(() => resolve()))
    },
  }
}
