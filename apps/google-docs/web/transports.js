/**
 * The three ways this page talks to a collaboration replica, behind one interface:
 *   connect(handlers) → { send(frame), close() }, handlers: onFrame(frame), onDown()
 * WebSocket first; long polling when a socket cannot open (or ?transport=long-poll); SSE for a
 * read-only viewer (?transport=sse). Frames are the same objects on all three (shared/frames.ts).
 */

/** Editors: one socket, the token offered as a subprotocol (browsers cannot set headers on it). */
export function webSocketTransport(docId, token, traceOf) {
  return {
    name: 'WebSocket',
    connect({ onFrame, onDown, onOpen }) {
      const url = `${location.origin.replace(/^http/, 'ws')}/ws?doc=${encodeURIComponent(docId)}`
      const socket = new WebSocket(url, ['docs.v1', `bearer.${token}`])
      let opened = false
      socket.onopen = () => {
        opened = true
        onOpen?.()
      }
      socket.onmessage = (event) => onFrame(JSON.parse(event.data))
      socket.onclose = (event) => onDown({ opened, code: event.code, reason: event.reason })
      return {
        send(frame) {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ ...frame, trace: traceOf(frame) }))
        },
        close() {
          socket.close()
        },
      }
    },
  }
}

async function request(method, url, token, body, traceparent) {
  const headers = { authorization: `Bearer ${token}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (traceparent) headers.traceparent = traceparent
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const envelope = response.status === 204 ? { data: null, errors: [] } : await response.json()
  if (!response.ok)
    throw Object.assign(new Error(envelope.errors?.[0]?.message ?? response.statusText), {
      code: envelope.errors?.[0]?.code,
      status: response.status,
    })
  return envelope.data
}

/** Editors without a socket: POST each op, and a GET the server holds until there is news. */
export function longPollTransport(docId, token, traceOf, pollTimeoutMs) {
  return {
    name: 'long polling',
    connect({ onFrame, onDown }) {
      const base = `${location.origin}/v1/documents/${encodeURIComponent(docId)}`
      let stopped = false
      let after = 0
      let sessionId
      const poll = async () => {
        while (!stopped) {
          try {
            const signal = AbortSignal.timeout(pollTimeoutMs + 5000)
            const response = await fetch(`${base}/ops?after=${after}`, {
              headers: { authorization: `Bearer ${token}` },
              signal,
            })
            const { data } = await response.json()
            if (!response.ok) throw new Error('poll refused')
            if (data.ops.length) onFrame({ type: 'ops', ops: data.ops })
            for (const presence of data.presence) onFrame({ type: 'presence', presence })
          } catch {
            if (!stopped) await new Promise((resolve) => setTimeout(resolve, 500))
          }
        }
      }
      request('POST', `${base}/sessions`, token).then(
        (ready) => {
          sessionId = ready.sessionId
          after = ready.revision
          onFrame(ready)
          void poll()
        },
        (error) => onDown({ opened: false, code: error.status, reason: error.message }),
      )
      return {
        setRevision(revision) {
          after = revision
        },
        send(frame) {
          if (frame.type === 'op') {
            request(
              'POST',
              `${base}/ops`,
              token,
              { opId: frame.opId, baseRevision: frame.baseRevision, op: frame.op },
              traceOf(frame),
            ).catch((error) =>
              onFrame({ type: 'error', code: error.code ?? 'UNAVAILABLE', message: error.message, opId: frame.opId }),
            )
          } else if (frame.type === 'cursor' && sessionId) {
            request('POST', `${base}/cursor`, token, {
              sessionId,
              cursor: frame.cursor,
              revision: frame.revision,
            }).catch(() => {})
          } else if (frame.type === 'sync') {
            after = frame.after
          }
        },
        close() {
          stopped = true
          if (sessionId) request('DELETE', `${base}/sessions/${sessionId}`, token).catch(() => {})
        },
      }
    },
  }
}

/** Viewers: one text/event-stream response, read with fetch so the token stays in a header. */
export function sseTransport(docId, token) {
  return {
    name: 'SSE (viewer)',
    connect({ onFrame, onDown }) {
      const controller = new AbortController()
      ;(async () => {
        const response = await fetch(`${location.origin}/v1/documents/${encodeURIComponent(docId)}/events`, {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: controller.signal,
        })
        if (!response.ok) return onDown({ opened: false, code: response.status, reason: 'refused' })
        const reader = response.body.getReader()
        const decoder = new TextDecoder()
        let buffer = ''
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          buffer += decoder.decode(value, { stream: true })
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (data) onFrame(JSON.parse(data))
          }
        }
        onDown({ opened: true, code: 0, reason: 'stream ended' })
      })().catch(() => {
        if (!controller.signal.aborted) onDown({ opened: true, code: 0, reason: 'stream failed' })
      })
      return {
        send() {},
        close() {
          controller.abort()
        },
      }
    },
  }
}

export { request }
