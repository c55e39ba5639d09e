import { waitFor } from '@wired/testkit'
import { WebSocket } from 'ws'
import type { PostView } from '../../src/api/use-cases/feed'
import type { PushFrame } from '../../src/shared/push-frames'

export type { PostView }

import { type RunningTwitter, uniqueHandle } from './system'

export interface Envelope<T> {
  status: number
  data: T
  errors: { code: string; message: string }[]
  headers: Headers
}

export const PASSWORD = 'correct horse battery'

/** REST through fetch: status, envelope and headers. */
export async function rest<T = unknown>(
  apiUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Envelope<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const response = await fetch(apiUrl + path, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  })
  const text = await response.text()
  const envelope = text ? (JSON.parse(text) as { data: T; errors?: Envelope<T>['errors'] }) : { data: undefined as T }
  return { status: response.status, data: envelope.data, errors: envelope.errors ?? [], headers: response.headers }
}

/** A signed-up reader driving the api over REST, and (after connect) the push socket. */
export class Reader {
  readonly frames: PushFrame[] = []
  socket?: WebSocket

  constructor(
    readonly system: RunningTwitter,
    readonly handle: string,
    readonly userId: string,
    readonly token: string,
  ) {}

  static async signUp(system: RunningTwitter, base: string): Promise<Reader> {
    const handle = uniqueHandle(base)
    const answer = await rest<{ token: string; user: { userId: string } }>(system.apiUrl, 'POST', '/v1/sessions', {
      body: { handle, password: PASSWORD },
    })
    if (answer.status !== 201)
      throw new Error(`sign-up of ${handle}: ${answer.status} ${JSON.stringify(answer.errors)}`)
    return new Reader(system, handle, answer.data.user.userId, answer.data.token)
  }

  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    return rest<T>(this.system.apiUrl, method, path, { token: this.token, body, headers })
  }

  async post(text: string): Promise<PostView> {
    const answer = await this.call<PostView>('POST', '/v1/posts', { text })
    if (answer.status !== 201) throw new Error(`post: ${answer.status} ${JSON.stringify(answer.errors)}`)
    return answer.data
  }

  async follow(other: Reader): Promise<void> {
    const answer = await this.call('PUT', `/v1/users/${other.handle}/follow`)
    if (answer.status !== 200) throw new Error(`follow: ${answer.status} ${JSON.stringify(answer.errors)}`)
  }

  async feed(cursor?: string) {
    return this.call<{ posts: PostView[]; nextCursor: string | null }>(
      'GET',
      cursor ? `/v1/feed?cursor=${encodeURIComponent(cursor)}` : '/v1/feed',
    )
  }

  /** Every post of the feed, page by page. */
  async wholeFeed(): Promise<PostView[]> {
    const posts: PostView[] = []
    let cursor: string | undefined
    for (;;) {
      const page = await this.feed(cursor)
      if (page.status !== 200) throw new Error(`feed: ${page.status} ${JSON.stringify(page.errors)}`)
      posts.push(...page.data.posts)
      if (!page.data.nextCursor) return posts
      cursor = page.data.nextCursor
    }
  }

  /** Waits until the feed's post ids are exactly `expected` (the fan-out is asynchronous). */
  async waitForFeed(expected: string[], timeoutMs = 15_000): Promise<PostView[]> {
    let last: PostView[] = []
    await waitFor(
      async () => {
        last = await this.wholeFeed()
        return JSON.stringify(last.map((post) => post.postId)) === JSON.stringify(expected)
      },
      { timeoutMs, what: `${this.handle}'s feed to be ${expected.join(',')}` },
    ).catch((error: Error) => {
      throw new Error(`${error.message} (it is ${last.map((post) => post.postId).join(',')})`)
    })
    return last
  }

  /** Opens the push socket and resolves after its ready frame. */
  async connect(): Promise<this> {
    const socket = new WebSocket(this.system.pushUrl, { headers: { authorization: `Bearer ${this.token}` } })
    this.socket = socket
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as PushFrame))
    await waitFor(() => this.frames.some((frame) => frame.type === 'ready'), {
      timeoutMs: 10_000,
      what: `${this.handle} ready`,
    })
    return this
  }

  watch(postIds: string[]): void {
    this.socket!.send(JSON.stringify({ type: 'watch', postIds }))
  }

  close(): void {
    this.socket?.close()
  }
}
