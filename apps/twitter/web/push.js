/**
 * Live updates: the push WebSocket, or polling when no socket can be held (a proxy that blocks
 * upgrades, a network that drops them). Both call the same handlers, so the page does not care
 * which one delivered "new post" or a like count.
 *
 * WebSocket: frames as in the README ({type: 'new-post'}, {type: 'likes'}, {type: 'watch'}).
 * Polling: every POLL_MS, GET /v1/feed/new-count?since=<newest on screen> and
 * GET /v1/likes?postIds=<on screen>.
 */
const POLL_MS = 4_000
/** A socket that fails this many times in a row without ever opening means "use polling". */
const FAILURES_BEFORE_POLLING = 2

export class LiveUpdates {
  constructor({ url, token, api, onNewPosts, onLikes, onMode }) {
    Object.assign(this, { url, token, api, onNewPosts, onLikes, onMode })
    this.watched = []
    this.newestId = undefined
    this.failures = 0
    this.stopped = false
  }

  start() {
    this.connect()
  }

  /** The posts on screen: their like counts are kept live. */
  watch(postIds, newestId) {
    this.watched = postIds.slice(0, 100)
    this.newestId = newestId
    if (this.socket?.readyState === WebSocket.OPEN)
      this.socket.send(JSON.stringify({ type: 'watch', postIds: this.watched }))
  }

  connect() {
    let opened = false
    const socket = new WebSocket(this.url, ['twitter.v1', `bearer.${this.token}`])
    this.socket = socket
    socket.onopen = () => {
      opened = true
      this.failures = 0
      this.onMode('WebSocket (live)')
      if (this.watched.length) socket.send(JSON.stringify({ type: 'watch', postIds: this.watched }))
    }
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data)
      if (frame.type === 'new-post') this.onNewPosts(1, frame.postId)
      else if (frame.type === 'likes') this.onLikes([{ postId: frame.postId, likes: frame.count }])
    }
    socket.onclose = () => {
      if (this.stopped) return
      if (!opened) this.failures += 1
      if (this.failures >= FAILURES_BEFORE_POLLING) this.poll()
      else setTimeout(() => this.connect(), 1_000)
    }
  }

  poll() {
    this.onMode(`polling every ${POLL_MS / 1000} s (no WebSocket)`)
    let unseen = 0
    const tick = async () => {
      if (this.stopped) return
      try {
        if (this.newestId) {
          const { count } = await this.api.call('GET', `/v1/feed/new-count?since=${this.newestId}`)
          if (count > unseen) this.onNewPosts(count - unseen)
          unseen = count
        }
        if (this.watched.length) this.onLikes(await this.api.call('GET', `/v1/likes?postIds=${this.watched.join(',')}`))
      } catch {
        // The next tick tries again.
      }
      this.pollTimer = setTimeout(tick, POLL_MS)
    }
    this.resetUnseen = () => {
      unseen = 0
    }
    tick()
  }

  /** After the reader loaded the new posts, the polling count starts again from them. */
  seen() {
    this.resetUnseen?.()
  }
}
