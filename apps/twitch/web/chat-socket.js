/**
 * The page's chat connection: one WebSocket to one chat server, JSON text frames (the wire
 * contract in the README's Chat section). The token rides in the subprotocol list, the one place
 * a browser WebSocket can carry it (it cannot set an Authorization header), beside a real protocol
 * name for the server to answer with (it never echoes the token). Without a token the page offers
 * `bearer.anonymous` and joins read-only, as a viewer who has not picked a name: it still counts
 * as a viewer (presence in Redis) and sees every message.
 */
const PROTOCOL = 'twitch.chat.v1'
const ANONYMOUS = 'anonymous'

/**
 * @param {string} url a chat server's `ws://…/chat`
 * @param {{ channel: string, token?: string, onEvent(event: object): void, onOpen?(): void,
 *   onClose?(code: number, reason: string): void }} options
 */
export function openChatSocket(url, options) {
  const address = new URL(url)
  address.searchParams.set('channel', options.channel)
  const socket = new WebSocket(address, [PROTOCOL, `bearer.${options.token ?? ANONYMOUS}`])
  socket.addEventListener('open', () => options.onOpen?.())
  socket.addEventListener('message', ({ data }) => {
    if (typeof data !== 'string') return
    try {
      options.onEvent(JSON.parse(data))
    } catch {
      // A frame that is not JSON is the server's bug, not a reason to stop reading the others.
    }
  })
  socket.addEventListener('close', ({ code, reason }) => options.onClose?.(code, reason))

  /** `trace`: a traceparent from the wire panel, so the panel can follow the frame across servers. */
  const send = (frame, trace) => {
    if (socket.readyState !== WebSocket.OPEN) throw new Error('chat is not connected')
    socket.send(JSON.stringify(trace ? { ...frame, trace } : frame))
  }
  return {
    socket,
    say: (text, trace) => send({ type: 'send', text }, trace),
    deleteMessage: (id, trace) => send({ type: 'delete', id }, trace),
    ban: (user, trace) => send({ type: 'ban', user }, trace),
    slowMode: (seconds, trace) => send({ type: 'slow-mode', seconds }, trace),
    close: () => socket.close(1000, 'bye'),
  }
}
