import { createSocket } from 'node:dgram'
import { connect } from 'node:net'
import { encodeFrame, frameDecoder } from '../../shared/protocol'
import { type GameLink, parseAddress } from './link'

/** A Node client's two sockets: length-prefixed JSON over TCP, datagrams over UDP. */
export async function openTcpUdpLink(addresses: { tcp: string; udp: string }): Promise<GameLink> {
  const tcpAt = parseAddress(addresses.tcp)
  const udpAt = parseAddress(addresses.udp)
  const tcp = connect({ host: tcpAt.host, port: tcpAt.port, noDelay: true })
  await new Promise<void>((resolve, reject) => {
    tcp.once('connect', resolve)
    tcp.once('error', reject)
  })
  const udp = createSocket('udp4')
  await new Promise<void>((resolve) => udp.bind(0, '0.0.0.0', resolve))
  const decoder = frameDecoder()
  const eventListeners: Array<(event: Record<string, unknown>) => void> = []
  const closeListeners: Array<() => void> = []
  tcp.on('data', (chunk: Buffer) => {
    let bodies: string[] = []
    try {
      bodies = decoder.push(chunk)
    } catch {
      tcp.destroy()
    }
    for (const body of bodies) for (const listener of eventListeners) listener(JSON.parse(body))
  })
  tcp.on('error', () => {})
  let closed = false
  tcp.on('close', () => {
    closed = true
    try {
      udp.close()
    } catch {}
    for (const listener of closeListeners) listener()
  })
  udp.on('error', () => {})
  return {
    sendEvent: (event) => {
      if (!tcp.destroyed && tcp.writable) tcp.write(encodeFrame(event))
    },
    sendDatagram: (bytes) => {
      if (!closed) udp.send(bytes, udpAt.port, udpAt.host)
    },
    onEvent: (listener) => eventListeners.push(listener),
    onDatagram: (listener) => udp.on('message', (bytes) => listener(bytes)),
    onClose: (listener) => closeListeners.push(listener),
    close: () => tcp.end(),
  }
}
