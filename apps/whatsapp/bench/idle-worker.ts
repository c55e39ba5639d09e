/**
 * Holds idle WebSocket connections for the idle-connection measurement. A child process,
 * because one process may hold at most `ulimit -n` sockets (20,000 on the reference machine)
 * and the gateway's side of the same connections needs its own. Reads tokens from the parent,
 * reports how many sockets got their ready frame, and keeps them until told to stop.
 */
import { WebSocket } from 'ws'
import { CHAT_PROTOCOL } from '../src/shared/frames'

interface Job {
  url: string
  tokens: string[]
  concurrency: number
}

const sockets: WebSocket[] = []

function open(url: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, [CHAT_PROTOCOL, `bearer.${token}`], { perMessageDeflate: false })
    socket.once('message', () => resolve(true)) // the ready frame
    socket.once('error', () => resolve(false))
    socket.once('unexpected-response', () => resolve(false))
    sockets.push(socket)
  })
}

process.on('message', async (message: Job | 'stop') => {
  if (message === 'stop') {
    for (const socket of sockets) socket.terminate()
    process.exit(0)
  }
  let ready = 0
  let next = 0
  await Promise.all(
    Array.from({ length: message.concurrency }, async () => {
      while (next < message.tokens.length) {
        const token = message.tokens[next++]!
        if (await open(message.url, token)) ready++
      }
    }),
  )
  process.send?.({ ready })
})
