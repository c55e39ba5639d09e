/**
 * The baseline: a bare `ws` server that sends every text frame straight back. No JSON, no
 * auth, no routing: the most a Node process can move through `ws` on this machine.
 */
import { WebSocketServer } from 'ws'

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false })
server.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })))
server.on('listening', () => {
  const address = server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
})
