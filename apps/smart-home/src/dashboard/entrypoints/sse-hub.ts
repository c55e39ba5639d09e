import type { ServerResponse } from 'node:http'
import type { FeedEvent } from '../domain/live-feed'

/** A page that fell this far behind (bytes queued in its socket) is dropped; it reconnects and resumes. */
const MAX_QUEUED_BYTES = 1024 * 1024

export const sseFrame = (entry: FeedEvent): string =>
  `id: ${entry.id}\nevent: ${entry.event}\ndata: ${JSON.stringify(entry.data)}\n\n`

/** The open SSE responses, by the home they watch. */
export class SseHub {
  private readonly pages = new Map<string, Set<ServerResponse>>()

  add(home: string, response: ServerResponse): void {
    const set = this.pages.get(home) ?? new Set<ServerResponse>()
    this.pages.set(home, set)
    set.add(response)
    response.once('close', () => set.delete(response))
  }

  send(home: string, entry: FeedEvent): void {
    const set = this.pages.get(home)
    if (!set || set.size === 0) return
    const frame = sseFrame(entry)
    for (const response of set) {
      if (response.writableLength > MAX_QUEUED_BYTES) response.destroy()
      else response.write(frame)
    }
  }

  get size(): number {
    let count = 0
    for (const set of this.pages.values()) count += set.size
    return count
  }

  closeAll(): void {
    for (const set of this.pages.values()) for (const response of set) response.end()
  }
}
