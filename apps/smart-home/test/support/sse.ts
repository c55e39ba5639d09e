export interface SseEvent {
  id: string
  event: string
  // biome-ignore lint/suspicious/noExplicitAny: JSON from the wire, read field by field in the tests
  data: any
  receivedAt: number
}

/**
 * An SSE client as a browser's EventSource is, minus the reconnecting: GET with Accept:
 * text/event-stream (and Last-Event-ID when resuming), frames parsed as they arrive.
 */
export async function openSse(url: string, lastEventId?: string) {
  const controller = new AbortController()
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  })
  const events: SseEvent[] = []
  const listeners = new Set<() => void>()
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder()
      let buffer = ''
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true })
          let end = buffer.indexOf('\n\n')
          while (end >= 0) {
            const frame = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const fields = Object.fromEntries(
              frame
                .split('\n')
                .filter((line) => line && !line.startsWith(':'))
                .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
            )
            if (fields.event || fields.data)
              events.push({
                id: fields.id ?? '',
                event: fields.event ?? 'message',
                data: fields.data ? JSON.parse(fields.data) : null,
                receivedAt: Date.now(),
              })
            for (const listener of listeners) listener()
            end = buffer.indexOf('\n\n')
          }
        }
      } catch {
        // aborted by close()
      }
    })()
  }
  return {
    status: response.status,
    response,
    events,
    close: () => controller.abort(),
  }
}
