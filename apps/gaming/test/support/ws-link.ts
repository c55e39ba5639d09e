import WebSocket from 'ws'
import type { GameLink } from '../../src/bots/adapters/link'

/** A browser's view of the game: one WebSocket, text frames for events, binary for datagrams. */
export async function openWsLink(url: string): Promise<GameLink & { socket: WebSocket }> {
  const socket = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  socket.on('error', () => {})
  return {
    socket,
    sendEvent: (event) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(event)),
    sendDatagram: (bytes) => socket.readyState === WebSocket.OPEN && socket.send(bytes),
    onEvent: (listener) =>
      socket.on('message', (data, isBinary) => {
        if (!isBinary) listener(JSON.parse(String(data)))
      }),
    onDatagram: (listener) =>
      socket.on('message', (data, isBinary) => {
        if (isBinary) listener(data as Buffer)
      }),
    onClose: (listener) => socket.on('close', () => listener()),
    close: () => socket.close(),
  }
}
