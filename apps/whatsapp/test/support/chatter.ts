import { randomBytes } from 'node:crypto'
import { waitFor } from '@wired/testkit'
import { WebSocket } from 'ws'
import type { ErrorFrame, MessageView, PresenceView, ReadyFrame, ReceiptView } from '../../src/shared/frames'
import type { UserView } from '../../src/shared/rest'
import { ApiClient } from '../../web/src/api-client'
import { ChatClient, type ChatClientOptions, type WebSocketLike } from '../../web/src/chat-client'
import type { RunningSystem } from './system'

/**
 * A test user: signed in over REST, connected over WebSocket through the same ChatClient the
 * browser page uses, recording everything the client reports.
 */
export class Chatter {
  readonly messages: MessageView[] = []
  readonly receipts: ReceiptView[] = []
  readonly typing: { conversationId: string; userId: string }[] = []
  readonly presence: PresenceView[] = []
  readonly errors: ErrorFrame[] = []
  readonly readies: ReadyFrame[] = []
  client!: ChatClient

  constructor(
    readonly user: UserView,
    readonly token: string,
    readonly api: ApiClient,
  ) {}

  get userId(): string {
    return this.user.userId
  }

  connect(wsUrl: string, options: Partial<ChatClientOptions> = {}): this {
    this.client = new ChatClient({
      gatewayUrl: wsUrl,
      api: this.api,
      createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
      ...options,
    })
    this.client.on('message', (message) => this.messages.push(message))
    this.client.on('receipt', (receipt) => this.receipts.push(receipt))
    this.client.on('typing', (typing) => this.typing.push(typing))
    this.client.on('presence', (presence) => this.presence.push(presence))
    this.client.on('error', (error) => this.errors.push(error))
    this.client.on('ready', (ready) => this.readies.push(ready))
    return this
  }

  /** Resolves after the n-th ready frame (1 = first connect, 2 = first reconnect, ...). */
  async ready(count = 1, timeoutMs = 10_000): Promise<void> {
    await waitFor(() => this.readies.length >= count, { timeoutMs, what: `${this.user.handle} ready #${count}` })
  }

  messagesIn(conversationId: string): MessageView[] {
    return this.messages.filter((message) => message.conversationId === conversationId)
  }

  async waitForMessages(conversationId: string, count: number, timeoutMs = 10_000): Promise<MessageView[]> {
    await waitFor(() => this.messagesIn(conversationId).length >= count, {
      timeoutMs,
      what: `${this.user.handle} to hold ${count} messages (has ${this.messagesIn(conversationId).length})`,
    })
    return this.messagesIn(conversationId)
  }

  /** The latest watermarks `userId` reported in the conversation. */
  receiptOf(conversationId: string, userId: string): { deliveredSeq: number; readSeq: number } {
    let deliveredSeq = 0
    let readSeq = 0
    for (const receipt of this.receipts)
      if (receipt.conversationId === conversationId && receipt.userId === userId) {
        deliveredSeq = Math.max(deliveredSeq, receipt.deliveredSeq)
        readSeq = Math.max(readSeq, receipt.readSeq)
      }
    return { deliveredSeq, readSeq }
  }

  /**
   * Drops the messages and receipts recorded so far. A load generator calls it: keeping every
   * message of a long run grows its heap by hundreds of megabytes, and the garbage collector's
   * pauses on that heap then show up as the system's latency.
   */
  forgetHistory(): void {
    this.messages.length = 0
    this.receipts.length = 0
  }

  close(): void {
    this.client?.close()
  }
}

/** Each test user's password: derived from the handle, so a second device can sign in too. */
export const passwordOf = (handle: string) => `pw-${handle}`

/** A fresh user with a unique handle, so tests sharing one system never see each other. */
export async function signUp(system: RunningSystem, name = 'user'): Promise<Chatter> {
  const api = new ApiClient(system.apiUrl)
  const handle = `${name}_${randomBytes(4).toString('hex')}`
  const session = await api.signIn(handle, passwordOf(handle))
  return new Chatter(session.user, session.token, api)
}

/** A 1:1 or group conversation created by the first chatter with the others. */
export async function conversationOf(creator: Chatter, others: Chatter[], title = ''): Promise<string> {
  const conversation = await creator.api.createConversation(
    others.map((other) => other.userId),
    title,
  )
  return conversation.conversationId
}

/** The same user signing in on another device: a fresh token, and a client that has seen nothing yet. */
export async function secondDevice(chatter: Chatter): Promise<Chatter> {
  const api = new ApiClient(chatter.api.baseUrl)
  const session = await api.signIn(chatter.user.handle, passwordOf(chatter.user.handle))
  return new Chatter(session.user, session.token, api)
}

/**
 * The usual cast: alice and bob in a 1:1 conversation, alice on gateway A and bob on gateway B
 * (so every message crosses Redis), both connected and ready. Their chatters are added to
 * `openChatters`, which the test file closes at the end.
 */
export async function aliceAndBobOnTwoGateways(system: RunningSystem, openChatters: Chatter[]) {
  const alice = await signUp(system, 'alice')
  const bob = await signUp(system, 'bob')
  const conversationId = await conversationOf(alice, [bob])
  openChatters.push(alice.connect(system.gateways[0]!.wsUrl), bob.connect(system.gateways[1]!.wsUrl))
  await Promise.all([alice.ready(), bob.ready()])
  return { alice, bob, conversationId }
}
