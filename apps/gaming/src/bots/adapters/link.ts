/**
 * How a game client reaches the server: a reliable path for JSON events and a lossy one for
 * datagrams. TCP + UDP for Node (tcp-udp.link.ts); one WebSocket for a browser or a test.
 */
export interface GameLink {
  sendEvent(event: object): void
  sendDatagram(bytes: Buffer): void
  onEvent(listener: (event: Record<string, unknown>) => void): void
  onDatagram(listener: (bytes: Buffer) => void): void
  /** The reliable path closed (by the server, or the network). */
  onClose(listener: () => void): void
  close(): void
}

export const parseAddress = (address: string) => {
  const at = address.lastIndexOf(':')
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) }
}
