/**
 * The browser client: sign in over REST, then one WebSocket to the gateway that served this
 * page. All protocol logic (ordering, dedupe, resend, resync) lives in ChatClient, shared with
 * the tests and the load generator; this file only turns events into pixels.
 */

import { createWirePanel } from '@wired/wire/web/panel.js'
import { DEMO_PASSWORD } from '../../src/shared/demo'
import { messageTextProblem } from '../../src/shared/message-text'
import type { SessionView } from '../../src/shared/rest'
import { ApiClient, ApiError } from './api-client'
import { ChatClient, type WebSocketLike } from './chat-client'
import { ChatState } from './chat-state'
import { render } from './chat-view'
import { wireSidebarForms } from './sidebar-forms'

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T

/** What crossed the wire for what this page just did (packages/wire/web). */
const wire = createWirePanel(document.getElementById('wire') as HTMLElement)

async function main(): Promise<void> {
  const { apiUrl } = (await (await fetch('/config.json')).json()) as { apiUrl: string }
  // Why the last session ended, if it did (set just before the reload that shows this form).
  $('#sign-in-error').textContent = sessionStorage.getItem('ended') ?? ''
  sessionStorage.removeItem('ended')
  const saved = sessionStorage.getItem('session')
  if (saved) {
    const session = JSON.parse(saved) as SessionView
    const api = new ApiClient(apiUrl, session.token)
    try {
      return await startChat(api, session)
    } catch {
      sessionStorage.removeItem('session')
    }
  }
  const signIn = async (handle: string, password: string) => {
    try {
      const api = new ApiClient(apiUrl)
      const session = await api.signIn(handle, password)
      sessionStorage.setItem('session', JSON.stringify(session))
      await startChat(api, session)
    } catch (error) {
      $('#sign-in-error').textContent = (error as Error).message
    }
  }
  $('#sign-in-form').onsubmit = (event) => {
    event.preventDefault()
    void signIn($<HTMLInputElement>('#handle').value, $<HTMLInputElement>('#password').value)
  }
  // The demo cast's password is public on purpose (src/shared/demo.ts): one click per tab.
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-handle]')))
    button.onclick = () => void signIn(button.dataset.handle!, DEMO_PASSWORD)
}

/** Back to the sign-in form, saying why. */
function endSession(reason: string): void {
  sessionStorage.removeItem('session')
  sessionStorage.setItem('ended', reason)
  location.reload()
}

/**
 * Keeps the session alive: a fresh token at 80% of the current one's life (the old one stops
 * working), shown in the header. If renewal fails for good, the person signs in again.
 */
function keepRenewing(api: ApiClient, session: SessionView): void {
  const show = (expiresAt: string) => {
    $('#session').textContent = `session until ${new Date(expiresAt).toLocaleTimeString()}`
  }
  show(session.expiresAt)
  const schedule = (expiresAt: string) => {
    const left = new Date(expiresAt).getTime() - Date.now()
    setTimeout(
      async () => {
        try {
          const renewed = await api.renew()
          sessionStorage.setItem('session', JSON.stringify(renewed))
          show(renewed.expiresAt)
          schedule(renewed.expiresAt)
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) endSession('Your session expired: sign in again.')
          else setTimeout(() => schedule(expiresAt), 5_000) // the api is down: try again soon
        }
      },
      Math.max(1_000, left * 0.8),
    )
  }
  schedule(session.expiresAt)
}

async function startChat(api: ApiClient, session: SessionView): Promise<void> {
  const { user, settings } = await api.me()
  const state = new ChatState(user, settings)
  for (const contact of await api.contacts()) state.contacts.set(contact.userId, contact)
  const seen: Record<string, number> = {}
  for (const conversation of await api.conversations()) {
    state.conversations.set(conversation.conversationId, conversation)
    // The newest page of each chat over REST; the socket's resync then brings only what is newer.
    const page = await api.history(conversation.conversationId)
    for (const message of page.messages) state.addMessage(message)
    for (const receipt of page.receipts) state.setReceipt(receipt)
    state.olderCursor.set(conversation.conversationId, page.nextCursor)
    seen[conversation.conversationId] = page.messages.at(-1)?.seq ?? 0
  }
  $('#sign-in').hidden = true
  $('#app').hidden = false

  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  const client = new ChatClient({
    gatewayUrl: `${protocol}//${location.host}/ws`,
    api,
    seen,
    // The DOM's handler types are narrower than WebSocketLike's; the shapes match at run time.
    createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
  })

  // One render per burst of events. Not requestAnimationFrame: a page in a background window
  // gets no frames, and its state (ticks, unread counts) must still be current when it returns.
  let scheduled = false
  const redraw = () => {
    if (scheduled) return
    scheduled = true
    setTimeout(() => {
      scheduled = false
      render(state, { open })
    }, 0)
  }
  const readIfOpen = (conversationId: string) => {
    if (
      state.settings.readReceipts &&
      conversationId === state.openConversationId &&
      document.visibilityState === 'visible'
    )
      client.markRead(conversationId)
  }
  const open = (conversationId: string) => {
    state.openConversationId = conversationId
    state.unread.delete(conversationId)
    readIfOpen(conversationId)
    redraw()
  }

  client.on('state', (value) => {
    $('#connection').textContent = value
    $('#connection').className = `badge ${value}`
  })
  client.on('message', (message) => {
    state.addMessage(message)
    // The message the person was typing has arrived: "typing…" ends now, not 3 s later.
    if (state.typing.get(message.conversationId)?.userId === message.senderId)
      state.typing.delete(message.conversationId)
    if (!state.conversations.has(message.conversationId)) void refreshConversations(api, state).then(redraw)
    if (message.senderId !== user.userId) {
      if (message.conversationId === state.openConversationId) readIfOpen(message.conversationId)
      else state.unread.set(message.conversationId, (state.unread.get(message.conversationId) ?? 0) + 1)
    }
    redraw()
  })
  client.on('receipt', (receipt) => {
    state.setReceipt(receipt)
    redraw()
  })
  client.on('presence', (presence) => {
    state.presence.set(presence.userId, presence)
    redraw()
  })
  client.on('typing', ({ conversationId, userId }) => {
    state.typing.set(conversationId, { userId, until: Date.now() + 3_000 })
    redraw()
    setTimeout(redraw, 3_100)
  })
  client.on('error', (error) => {
    $('#chat-error').textContent = `${error.code}: ${error.message}`
    if (error.code === 'UNAUTHENTICATED') endSession('Your session ended: sign in again.')
  })
  keepRenewing(api, session)
  $('#sign-out').onclick = async () => {
    client.close()
    await api.signOut().catch(() => {}) // already expired or revoked: signed out either way
    endSession('Signed out.')
  }
  document.addEventListener('visibilitychange', () => state.openConversationId && readIfOpen(state.openConversationId))

  const send = async (content: { text?: string; media?: { url: string; contentType: string } }) => {
    const conversationId = state.openConversationId
    if (!conversationId) return
    const clientMessageId = crypto.randomUUID()
    state.addMessage({
      conversationId,
      clientMessageId,
      senderId: user.userId,
      text: content.text ?? '',
      media: content.media,
      seq: 0,
      sentAtMs: Date.now(),
    })
    redraw()
    // The wire panel follows this send: WS → gRPC → PostgreSQL → Kafka → Redis → the recipients' sockets.
    const trace = wire.begin(content.text ? `send “${content.text.slice(0, 24)}”` : 'send a photo')
    try {
      state.addMessage(await client.send(conversationId, content, clientMessageId, trace))
      $('#chat-error').textContent = ''
    } catch (error) {
      $('#chat-error').textContent = (error as Error).message
    }
    redraw()
  }

  let lastTyping = 0
  $('#text').oninput = () => {
    if (state.openConversationId && Date.now() - lastTyping > 2_000) {
      lastTyping = Date.now()
      client.typing(state.openConversationId)
    }
  }
  $('#composer').onsubmit = (event) => {
    event.preventDefault()
    const input = $<HTMLInputElement>('#text')
    if (input.value.trim() === '') return
    // The server's own rule (code points, no control characters), said before the send rather than after.
    const problem = messageTextProblem(input.value)
    if (problem !== undefined) {
      $('#chat-error').textContent = problem
      return
    }
    void send({ text: input.value })
    input.value = ''
  }
  $<HTMLInputElement>('#image').onchange = async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0]
    if (!file) return
    try {
      const media = await api.uploadMedia(file, file.type)
      await send({ media: { url: media.url, contentType: media.contentType } })
    } catch (error) {
      $('#chat-error').textContent = (error as Error).message
    }
  }
  $('#older').onclick = async () => {
    const conversationId = state.openConversationId
    if (!conversationId) return
    const page = await api.history(conversationId, state.olderCursor.get(conversationId))
    for (const message of page.messages) state.addMessage(message)
    state.olderCursor.set(conversationId, page.nextCursor)
    redraw()
  }
  wireSidebarForms(api, state, open, (message) => {
    $('#chat-error').textContent = message
  })
  redraw()
}

async function refreshConversations(api: ApiClient, state: ChatState): Promise<void> {
  for (const conversation of await api.conversations())
    state.conversations.set(conversation.conversationId, conversation)
  for (const contact of await api.contacts()) state.contacts.set(contact.userId, contact)
}

void main()
