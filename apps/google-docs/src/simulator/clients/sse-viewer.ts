import type { AppliedOp } from '../../shared/editor-state'
import { EditorState } from '../../shared/editor-state'
import type { ServerFrame } from '../../shared/frames'

/**
 * A read-only follower over Server-Sent Events, read with fetch() (the token in a header).
 * It keeps the text by applying each op event; it never sends anything.
 */
export class SseViewer {
  state: EditorState | undefined
  events: string[] = []
  private readonly abort = new AbortController()

  static async open(url: string, token: string, docId: string): Promise<SseViewer> {
    const viewer = new SseViewer()
    const response = await fetch(`${url}/v1/documents/${docId}/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: viewer.abort.signal,
    })
    if (!response.ok || !response.body) throw new Error(`SSE refused: ${response.status} ${await response.text()}`)
    const ready = new Promise<void>((resolve) => void viewer.read(response.body!, resolve))
    await ready
    return viewer
  }

  get text(): string {
    return this.state?.text ?? ''
  }

  get revision(): number {
    return this.state?.revision ?? 0
  }

  async until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`viewer did not get there: revision ${this.revision}`)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
  }

  close(): void {
    this.abort.abort()
  }

  private async read(body: ReadableStream<Uint8Array>, onReady: () => void): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      const reader = body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event && data) {
            this.events.push(event)
            const frame = JSON.parse(data) as ServerFrame
            if (frame.type === 'ready') {
              this.state = new EditorState(frame.text, frame.revision, () => 'viewer')
              onReady()
            } else if (frame.type === 'op') this.state?.receive(frame as AppliedOp)
          }
          end = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // aborted by close()
    }
  }
}
