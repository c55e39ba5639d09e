import type { ReceiptView } from '../../src/shared/frames'
import type {
  ConversationView,
  HistoryMeta,
  MediaUploadView,
  MessageView,
  MeView,
  MissedMeta,
  SessionView,
  SettingsView,
  UserView,
} from '../../src/shared/rest'

/** A refused REST call: the HTTP status and the first error of the envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

interface Envelope<T, M> {
  data: T
  meta?: M
  errors: { code: string; message: string }[]
}

/** The REST half of the client protocol: everything that is not real-time. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private currentToken = '',
  ) {}

  /** The bearer token REST calls and the WebSocket use; a renewal replaces it. */
  get token(): string {
    return this.currentToken
  }

  /** Signs in, or signs up when the handle is new; the token then opens the WebSocket. */
  async signIn(handle: string, password: string, displayName = ''): Promise<SessionView> {
    const body = displayName === '' ? { handle, password } : { handle, password, displayName }
    const { data } = await this.call<SessionView>('POST', '/v1/sessions', body)
    this.currentToken = data.token
    return data
  }

  /** Trades the current token for a fresh one (the old one stops working): call before `expiresAt`. */
  async renew(): Promise<SessionView> {
    const { data } = await this.call<SessionView>('POST', '/v1/sessions/renew')
    this.currentToken = data.token
    return data
  }

  /** Revokes the token on the server: it opens no socket and makes no call any more. */
  async signOut(): Promise<void> {
    await this.call('DELETE', '/v1/sessions/current')
    this.currentToken = ''
  }

  async me(): Promise<MeView> {
    return (await this.call<MeView>('GET', '/v1/me')).data
  }

  async updateProfile(changes: { displayName?: string; about?: string }): Promise<UserView> {
    return (await this.call<UserView>('PATCH', '/v1/me', changes)).data
  }

  async updateSettings(changes: Partial<SettingsView>): Promise<SettingsView> {
    return (await this.call<SettingsView>('PATCH', '/v1/me/settings', changes)).data
  }

  async contacts(): Promise<UserView[]> {
    return (await this.call<UserView[]>('GET', '/v1/contacts')).data
  }

  async addContact(handle: string): Promise<UserView> {
    return (await this.call<UserView>('POST', '/v1/contacts', { handle })).data
  }

  async conversations(): Promise<ConversationView[]> {
    return (await this.call<ConversationView[]>('GET', '/v1/conversations')).data
  }

  /** One peer and no title: the direct chat with them (the same one every time). Else a group. */
  async createConversation(memberIds: string[], title = ''): Promise<ConversationView> {
    return (await this.call<ConversationView>('POST', '/v1/conversations', { memberIds, title })).data
  }

  /** One page of history, oldest first; pass `nextCursor` back to read further into the past. */
  async history(conversationId: string, cursor?: string | null, limit = 50) {
    const query = new URLSearchParams({ limit: String(limit) })
    if (cursor) query.set('cursor', cursor)
    const path = `/v1/conversations/${encodeURIComponent(conversationId)}/messages?${query}`
    const { data, meta } = await this.call<MessageView[], HistoryMeta>('GET', path)
    return { messages: data, nextCursor: meta?.nextCursor ?? null, receipts: meta?.receipts ?? [] }
  }

  /** Everything after the given positions (conversation id → last seq seen), oldest first. */
  async missed(seen: Record<string, number>, limit = 500) {
    const since = Object.entries(seen)
      .map(([conversationId, seq]) => `${conversationId}:${seq}`)
      .join(',')
    const query = new URLSearchParams({ since, limit: String(limit) })
    const { data, meta } = await this.call<MessageView[], MissedMeta>('GET', `/v1/messages/missed?${query}`)
    return { messages: data, hasMore: meta?.hasMore ?? false, receipts: meta?.receipts ?? ([] as ReceiptView[]) }
  }

  /** Uploads an image as the raw request body; returns the URL to put in a message. */
  async uploadMedia(bytes: Blob | Uint8Array, contentType: string): Promise<MediaUploadView> {
    return (await this.call<MediaUploadView>('POST', '/v1/media', bytes, contentType)).data
  }

  private async call<T, M = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<Envelope<T, M>> {
    const headers: Record<string, string> = {}
    if (this.currentToken) headers.authorization = `Bearer ${this.currentToken}`
    let payload: BodyInit | undefined
    if (body !== undefined) {
      headers['content-type'] = contentType
      payload = contentType === 'application/json' ? JSON.stringify(body) : (body as BodyInit)
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload })
    if (response.status === 204) return { data: undefined as T, errors: [] }
    const envelope = (await response.json().catch(() => null)) as Envelope<T, M> | null
    if (!response.ok || envelope === null) {
      const first = envelope?.errors?.[0]
      throw new ApiError(response.status, first?.code ?? 'INTERNAL', first?.message ?? `HTTP ${response.status}`)
    }
    return envelope
  }
}
