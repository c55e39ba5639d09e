/**
 * A page's WebSocket with reconnection (the rider's to the rider gateway, the driver's to the
 * location service). The browser cannot set an Authorization header on a
 * WebSocket, so the token travels as a subprotocol (`bearer.<token>`) next to the real one.
 * After a reconnect the gateway sends the ride snapshot first, so nothing is missed for long.
 */
export class AppSocket {
  constructor(url, token, onFrame, onState) {
    this.url = url
    this.token = token
    this.onFrame = onFrame
    this.onState = onState
    this.attempt = 0
    this.closed = false
    this.pending = []
    this.open()
  }

  open() {
    const socket = new WebSocket(this.url, ['uber.v1', `bearer.${this.token}`])
    this.socket = socket
    socket.onopen = () => {
      this.attempt = 0
      this.onState('live')
      for (const frame of this.pending.splice(0)) socket.send(JSON.stringify(frame))
    }
    socket.onmessage = (event) => this.onFrame(JSON.parse(event.data))
    socket.onclose = (event) => {
      if (this.closed) return
      // 1008 = we broke a rule (rate limit): back off harder. Anything else: exponential backoff.
      const delay = Math.min(10_000, 500 * 2 ** this.attempt++) * (event.code === 1008 ? 4 : 1)
      this.onState(`reconnecting in ${Math.round(delay / 1000)} s`)
      setTimeout(() => this.open(), delay)
    }
  }

  send(frame) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame))
    else this.pending.push(frame)
  }

  close() {
    this.closed = true
    this.socket.close()
  }
}
