export interface SseEvent {
  event: string
  id: string | undefined
  data: Record<string, unknown>
}

/**
 * An SSE client as a test needs it: fetch with a streaming body, parsed the way EventSource
 * parses it (event / id / data lines, a blank line ends an event), with Last-Event-ID set by
 * hand so a test can resume from any id.
 */
export class TickerReader {
  readonly events: SseEvent[] = []
  /** The body of a refused stream (the error envelope). */
  body = ''
  done: Promise<void> = Promise.resolve()

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly abort: AbortController,
  ) {}

  static async open(url: string, options: { lastEventId?: string; origin?: string } = {}): Promise<TickerReader> {
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId
    if (options.origin !== undefined) headers.origin = options.origin
    const controller = new AbortController()
    const response = await fetch(url, { headers, signal: controller.signal })
    const reader = new TickerReader(response.status, response.headers, controller)
    if (response.status !== 200) {
      reader.body = await response.text()
      return reader
    }
    reader.done = reader.read(response.body!).catch(() => {})
    return reader
  }

  private async read(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    const reader = stream.getReader()
    for (;;) {
      const { done, value: chunk } = await reader.read()
      if (done) return
      buffer += decoder.decode(chunk, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end >= 0) {
        this.parse(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
        end = buffer.indexOf('\n\n')
      }
    }
  }

  private parse(block: string): void {
    let event = 'message'
    let id: string | undefined
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'id') id = value
      else if (field === 'data') data.push(value)
    }
    if (data.length > 0) this.events.push({ event, id, data: JSON.parse(data.join('\n')) })
  }

  async waitFor(count: number, timeoutMs = 5_000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs
    while (this.events.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.events.length} of ${count} SSE events in ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return this.events
  }

  close(): void {
    this.abort.abort()
  }
}
