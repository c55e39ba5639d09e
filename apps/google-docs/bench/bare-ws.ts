import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'

/**
 * The baseline: a bare `ws` server that relays every frame to every other socket, with no auth,
 * no OT, no Kafka, no Redis. What the scenario adds on top of a broadcast is its cost.
 */
export async function startBareBroadcast(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer()
  const wss = new WebSocketServer({ server, perMessageDeflate: false })
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      for (const other of wss.clients)
        if (other !== socket && other.readyState === WebSocket.OPEN) other.send(data, { binary: false })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
